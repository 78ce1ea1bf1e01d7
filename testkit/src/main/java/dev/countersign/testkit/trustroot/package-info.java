/** A model of Sigstore's {@code trusted_root.json} and its writer. */
package dev.countersign.testkit.trustroot;
