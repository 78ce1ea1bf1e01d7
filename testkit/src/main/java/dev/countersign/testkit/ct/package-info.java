/** A Certificate Transparency log that issues RFC 6962 precertificate SCTs for embedding. */
package dev.countersign.testkit.ct;
