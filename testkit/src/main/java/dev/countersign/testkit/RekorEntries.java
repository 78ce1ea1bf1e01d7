package dev.countersign.testkit;

import dev.countersign.testkit.bundle.TlogEntry;
import dev.countersign.testkit.dsse.DsseEnvelope;
import dev.countersign.testkit.encoding.Pem;
import dev.countersign.testkit.keys.HashAlgorithm;
import dev.countersign.testkit.rekor.RekorBodies;
import dev.countersign.testkit.rekor.RekorBody;
import dev.countersign.testkit.rekor.RekorVerifier;
import dev.countersign.testkit.rekor.TestRekorV1Log;
import dev.countersign.testkit.rekor.TestRekorV2Log;
import dev.countersign.testkit.rekor.TransparencyLog;
import java.time.Instant;
import java.util.List;

/** Chooses the entry kind a Sigstore client would submit to each log version, and logs it. */
final class RekorEntries {
  private RekorEntries() {}

  static TlogEntry forMessage(
      TransparencyLog log,
      SigstoreSigner.Signer signer,
      HashAlgorithm hash,
      byte[] digest,
      byte[] signature,
      Instant integratedTime) {
    if (log instanceof TestRekorV2Log v2) {
      return v2.append(RekorBodies.hashedRekordV002(hash, digest, signature, verifier(signer)));
    }
    return ((TestRekorV1Log) log)
        .append(
            RekorBodies.hashedRekordV001(hash, digest, signature, verifierPem(signer)),
            integratedTime);
  }

  static TlogEntry forDsse(
      TransparencyLog log,
      SigstoreSigner.Signer signer,
      DsseEnvelope envelope,
      SigstoreSigner.DsseLogKind kind,
      Instant integratedTime) {
    if (log instanceof TestRekorV2Log v2) {
      return v2.append(RekorBodies.dsseV002(envelope, List.of(verifier(signer))));
    }
    List<String> pems = List.of(verifierPem(signer));
    RekorBody body =
        kind == SigstoreSigner.DsseLogKind.INTOTO
            ? RekorBodies.intotoV002(envelope, pems)
            : RekorBodies.dsseV001(envelope, pems);
    return ((TestRekorV1Log) log).append(body, integratedTime);
  }

  private static String verifierPem(SigstoreSigner.Signer signer) {
    return signer.certificate() != null
        ? Pem.certificate(signer.certificate().certificate())
        : signer.key().publicKeyPem();
  }

  private static RekorVerifier verifier(SigstoreSigner.Signer signer) {
    return signer.certificate() != null
        ? RekorVerifier.certificate(signer.certificate().certificate(), signer.key().algorithm())
        : RekorVerifier.publicKey(signer.key());
  }
}
