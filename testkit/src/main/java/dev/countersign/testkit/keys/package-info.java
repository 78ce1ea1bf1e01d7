/** Key generation and signing over the algorithms Sigstore uses. */
package dev.countersign.testkit.keys;
