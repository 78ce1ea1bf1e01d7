package dev.countersign.testkit;

import dev.countersign.testkit.bundle.Bundle;
import dev.countersign.testkit.bundle.BundleWriter;
import dev.countersign.testkit.bundle.TlogEntry;
import dev.countersign.testkit.ca.IssuedCertificate;
import dev.countersign.testkit.dsse.DsseEnvelope;
import dev.countersign.testkit.encoding.Bytes;
import dev.countersign.testkit.keys.TestKeyPair;

/**
 * Everything one signing produced: the bundle and the pieces it was built from, so tests can both
 * verify the bundle and derive tampered variants from the same material.
 *
 * @param bundle the bundle model
 * @param signingKey the key that signed
 * @param certificate the issued leaf, or null for a key-based bundle
 * @param tlogEntry the log entry, or null when nothing was logged
 * @param rfc3161Timestamp the DER TimeStampResp, or null without a TSA
 * @param artifact the signed artifact for a message signature, or null for DSSE
 * @param dsseEnvelope the signed envelope for DSSE, or null for a message signature
 */
public record SignedBundle(
    Bundle bundle,
    TestKeyPair signingKey,
    IssuedCertificate certificate,
    TlogEntry tlogEntry,
    Bytes rfc3161Timestamp,
    Bytes artifact,
    DsseEnvelope dsseEnvelope) {

  /** The bundle as indented JSON. */
  public String json() {
    return BundleWriter.write(bundle);
  }

  /** A copy with a different bundle (the material stays), for tampered variants. */
  public SignedBundle withBundle(Bundle newBundle) {
    return new SignedBundle(
        newBundle, signingKey, certificate, tlogEntry, rfc3161Timestamp, artifact, dsseEnvelope);
  }
}
