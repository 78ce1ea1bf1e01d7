package dev.countersign.verify.internal.tlog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.verify.Digest;
import dev.countersign.verify.attest.DsseEnvelope;
import dev.countersign.verify.bundle.MessageSignature;
import dev.countersign.verify.bundle.SignedContent;
import dev.countersign.verify.bundle.TransparencyLogEntry;
import dev.countersign.verify.internal.crypto.HashAlgorithm;
import dev.countersign.verify.internal.crypto.KeyFormatException;
import dev.countersign.verify.internal.crypto.Pem;
import dev.countersign.verify.internal.json.Json;
import dev.countersign.verify.internal.json.JsonFormatException;
import dev.countersign.verify.internal.x509.CertificateFormatException;
import dev.countersign.verify.internal.x509.ParsedCertificate;
import dev.countersign.verify.verdict.ReasonCode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Checks that a log entry's body records exactly what the bundle claims: the same signature, the
 * same certificate or key, and the same artifact or payload digest. Without this, a valid entry for
 * one signature could vouch for another (CVE-2022-36056).
 */
public final class EntryBodyMatcher {
  private EntryBodyMatcher() {}

  /** A mismatch or a malformed/unsupported body. */
  public record Problem(ReasonCode reason, String detail) {}

  /**
   * @param entry the log entry
   * @param content the bundle's signed content
   * @param signer the signing certificate or key
   * @param artifactDigest the artifact's digest for an algorithm (empty if unknown)
   * @return empty when the body matches
   */
  public static Optional<Problem> check(
      TransparencyLogEntry entry,
      SignedContent content,
      SignerMaterial signer,
      Function<String, Optional<Digest>> artifactDigest) {
    JsonNode body;
    try {
      body = Json.parseObject(entry.canonicalizedBody(), "log entry body");
      String kind = Json.string(body, "kind", "");
      String apiVersion = Json.string(body, "apiVersion", "");
      if (!kind.equals(entry.kind()) || !apiVersion.equals(entry.kindVersion())) {
        return invalid(
            "body is " + kind + "/" + apiVersion + " but the entry says " + entry.kindAndVersion());
      }
      JsonNode spec = Json.object(body, "spec", "");
      switch (entry.kindAndVersion()) {
        case "hashedrekord/0.0.1":
          return hashedRekordV001(spec, content, signer, artifactDigest);
        case "hashedrekord/0.0.2":
          return hashedRekordV002(
              Json.object(spec, "hashedRekordV002", "spec"), content, signer, artifactDigest);
        case "dsse/0.0.1":
          return dsseV001(spec, content, signer);
        case "dsse/0.0.2":
          return dsseV002(Json.object(spec, "dsseV002", "spec"), content, signer);
        case "intoto/0.0.2":
          return intotoV002(spec, content, signer);
        case "intoto/0.0.1":
          return intotoV001(spec, content, signer);
        case "rekord/0.0.1":
          return rekordV001(spec, content, signer, artifactDigest);
        default:
          return invalid("unsupported log entry kind " + entry.kindAndVersion());
      }
    } catch (JsonFormatException e) {
      return invalid("malformed log entry body: " + e.getMessage());
    }
  }

  private static Optional<Problem> hashedRekordV001(
      JsonNode spec,
      SignedContent content,
      SignerMaterial signer,
      Function<String, Optional<Digest>> artifact)
      throws JsonFormatException {
    JsonNode sig = Json.object(spec, "signature", "spec");
    byte[] logged = Json.bytes(sig, "content", "spec.signature");
    if (!MessageDigest.isEqual(logged, signatureOf(content))) {
      return mismatch("the entry records a different signature");
    }
    Optional<Problem> key =
        pemMatches(
            Json.string(
                Json.object(sig, "publicKey", "spec.signature"),
                "content",
                "spec.signature.publicKey"),
            signer);
    if (key.isPresent()) {
      return key;
    }
    JsonNode hash = Json.object(Json.object(spec, "data", "spec"), "hash", "spec.data");
    String alg = Json.string(hash, "algorithm", "spec.data.hash");
    String value = Json.string(hash, "value", "spec.data.hash").toLowerCase(Locale.ROOT);
    return digestMatches(alg, value, signedDigest(content, artifact), signedWhat(content));
  }

  private static Optional<Problem> hashedRekordV002(
      JsonNode spec,
      SignedContent content,
      SignerMaterial signer,
      Function<String, Optional<Digest>> artifact)
      throws JsonFormatException {
    JsonNode sig = Json.object(spec, "signature", "spec");
    if (!MessageDigest.isEqual(
        Json.bytes(sig, "content", "spec.signature"), signatureOf(content))) {
      return mismatch("the entry records a different signature");
    }
    Optional<Problem> key = verifierMatches(Json.object(sig, "verifier", "spec.signature"), signer);
    if (key.isPresent()) {
      return key;
    }
    JsonNode data = Json.object(spec, "data", "spec");
    String alg = Json.string(data, "algorithm", "spec.data");
    byte[] digest = Json.bytes(data, "digest", "spec.data");
    return digestMatches(
        alg,
        HexFormat.of().formatHex(digest),
        signedDigest(content, artifact),
        signedWhat(content));
  }

  private static Optional<Problem> dsseV001(
      JsonNode spec, SignedContent content, SignerMaterial signer) throws JsonFormatException {
    if (!(content instanceof DsseEnvelope)) {
      return mismatch(
          "a dsse entry records a DSSE envelope, but the bundle holds a message signature");
    }
    DsseEnvelope env = (DsseEnvelope) content;
    JsonNode sigs = Json.optionalArray(spec, "signatures", "spec");
    if (sigs == null || sigs.size() != env.signatures().size() || sigs.size() != 1) {
      return mismatch("the entry records a different number of signatures than the envelope has");
    }
    JsonNode s = sigs.get(0);
    if (!MessageDigest.isEqual(
        Json.bytes(s, "signature", "spec.signatures[0]"), env.signatures().get(0).sig())) {
      return mismatch("the entry records a different envelope signature");
    }
    Optional<Problem> key = pemMatches(Json.string(s, "verifier", "spec.signatures[0]"), signer);
    if (key.isPresent()) {
      return key;
    }
    JsonNode ph = Json.object(spec, "payloadHash", "spec");
    return payloadMatches(
        Json.string(ph, "algorithm", "spec.payloadHash"),
        Json.string(ph, "value", "spec.payloadHash").toLowerCase(Locale.ROOT),
        env);
  }

  private static Optional<Problem> dsseV002(
      JsonNode spec, SignedContent content, SignerMaterial signer) throws JsonFormatException {
    if (!(content instanceof DsseEnvelope)) {
      return mismatch(
          "a dsse entry records a DSSE envelope, but the bundle holds a message signature");
    }
    DsseEnvelope env = (DsseEnvelope) content;
    JsonNode sigs = Json.optionalArray(spec, "signatures", "spec");
    if (sigs == null || sigs.size() != env.signatures().size() || sigs.size() != 1) {
      return mismatch("the entry records a different number of signatures than the envelope has");
    }
    JsonNode s = sigs.get(0);
    if (!MessageDigest.isEqual(
        Json.bytes(s, "content", "spec.signatures[0]"), env.signatures().get(0).sig())) {
      return mismatch("the entry records a different envelope signature");
    }
    Optional<Problem> key =
        verifierMatches(Json.object(s, "verifier", "spec.signatures[0]"), signer);
    if (key.isPresent()) {
      return key;
    }
    JsonNode ph = Json.object(spec, "payloadHash", "spec");
    return payloadMatches(
        Json.string(ph, "algorithm", "spec.payloadHash"),
        HexFormat.of().formatHex(Json.bytes(ph, "digest", "spec.payloadHash")),
        env);
  }

  /**
   * intoto 0.0.1 (cosign attestations before 2023) records the payload digest and the signer, not
   * the signature: the envelope signature itself is checked by the signature check.
   */
  private static Optional<Problem> intotoV001(
      JsonNode spec, SignedContent content, SignerMaterial signer) throws JsonFormatException {
    if (!(content instanceof DsseEnvelope)) {
      return mismatch(
          "an intoto entry records a DSSE envelope, but the bundle holds a message signature");
    }
    Optional<Problem> key = pemMatches(Json.string(spec, "publicKey", "spec"), signer);
    if (key.isPresent()) {
      return key;
    }
    JsonNode ph = Json.object(Json.object(spec, "content", "spec"), "payloadHash", "spec.content");
    return payloadMatches(
        Json.string(ph, "algorithm", "spec.content.payloadHash"),
        Json.string(ph, "value", "spec.content.payloadHash").toLowerCase(Locale.ROOT),
        (DsseEnvelope) content);
  }

  /**
   * rekord 0.0.1 (cosign signatures before hashedrekord): the signed data's digest, signature and
   * key.
   */
  private static Optional<Problem> rekordV001(
      JsonNode spec,
      SignedContent content,
      SignerMaterial signer,
      Function<String, Optional<Digest>> artifact)
      throws JsonFormatException {
    if (!(content instanceof MessageSignature)) {
      return mismatch(
          "a rekord entry records a message signature, but the bundle holds a DSSE envelope");
    }
    JsonNode sig = Json.object(spec, "signature", "spec");
    String format = Json.optionalString(sig, "format", "spec.signature");
    if (format != null && !format.equals("x509")) {
      return invalid("unsupported rekord signature format '" + format + "'");
    }
    if (!MessageDigest.isEqual(
        Json.bytes(sig, "content", "spec.signature"), ((MessageSignature) content).signature())) {
      return mismatch("the entry records a different signature");
    }
    Optional<Problem> key =
        pemMatches(
            Json.string(
                Json.object(sig, "publicKey", "spec.signature"),
                "content",
                "spec.signature.publicKey"),
            signer);
    if (key.isPresent()) {
      return key;
    }
    JsonNode hash = Json.object(Json.object(spec, "data", "spec"), "hash", "spec.data");
    return digestMatches(
        Json.string(hash, "algorithm", "spec.data.hash"),
        Json.string(hash, "value", "spec.data.hash").toLowerCase(Locale.ROOT),
        artifact,
        "artifact");
  }

  private static Optional<Problem> intotoV002(
      JsonNode spec, SignedContent content, SignerMaterial signer) throws JsonFormatException {
    if (!(content instanceof DsseEnvelope)) {
      return mismatch(
          "an intoto entry records a DSSE envelope, but the bundle holds a message signature");
    }
    DsseEnvelope env = (DsseEnvelope) content;
    JsonNode c = Json.object(spec, "content", "spec");
    JsonNode envelope = Json.object(c, "envelope", "spec.content");
    String payloadType = Json.optionalString(envelope, "payloadType", "spec.content.envelope");
    if (payloadType != null && !payloadType.equals(env.payloadType())) {
      return mismatch(
          "the entry records payload type '"
              + payloadType
              + "', the envelope '"
              + env.payloadType()
              + "'");
    }
    JsonNode sigs = Json.optionalArray(envelope, "signatures", "spec.content.envelope");
    if (sigs == null || sigs.size() != env.signatures().size() || sigs.size() != 1) {
      return mismatch("the entry records a different number of signatures than the envelope has");
    }
    JsonNode s = sigs.get(0);
    // intoto v0.0.2 stores the envelope's base64 signature text base64-encoded once more.
    byte[] sigText = Json.bytes(s, "sig", "spec.content.envelope.signatures[0]");
    byte[] logged;
    try {
      logged =
          Json.base64(
              new String(sigText, StandardCharsets.US_ASCII),
              "spec.content.envelope.signatures[0].sig");
    } catch (JsonFormatException e) {
      return mismatch("the entry records a different envelope signature");
    }
    if (!MessageDigest.isEqual(logged, env.signatures().get(0).sig())) {
      return mismatch("the entry records a different envelope signature");
    }
    Optional<Problem> key =
        pemMatches(Json.string(s, "publicKey", "spec.content.envelope.signatures[0]"), signer);
    if (key.isPresent()) {
      return key;
    }
    JsonNode ph = Json.object(c, "payloadHash", "spec.content");
    return payloadMatches(
        Json.string(ph, "algorithm", "spec.content.payloadHash"),
        Json.string(ph, "value", "spec.content.payloadHash").toLowerCase(Locale.ROOT),
        env);
  }

  /** Compares a base64-encoded PEM certificate or key from a v1 body with the signer. */
  private static Optional<Problem> pemMatches(String b64Pem, SignerMaterial signer)
      throws JsonFormatException {
    String pem = new String(Json.base64(b64Pem, "verifier"), StandardCharsets.UTF_8);
    Pem.Block block;
    try {
      block = Pem.first(pem).orElse(null);
    } catch (KeyFormatException e) {
      return invalid("the entry's verifier is not valid PEM");
    }
    if (block == null) {
      return invalid("the entry's verifier is not PEM");
    }
    return materialMatches(
        block.type().equals("CERTIFICATE"), block.type().equals("PUBLIC KEY"), block.der(), signer);
  }

  /** Compares a Rekor v2 verifier ({x509Certificate|publicKey}.rawBytes) with the signer. */
  private static Optional<Problem> verifierMatches(JsonNode verifier, SignerMaterial signer)
      throws JsonFormatException {
    JsonNode cert = Json.optionalObject(verifier, "x509Certificate", "verifier");
    JsonNode key = Json.optionalObject(verifier, "publicKey", "verifier");
    if ((cert == null) == (key == null)) {
      return invalid(
          "the entry's verifier must hold exactly one of a certificate and a public key");
    }
    byte[] raw = Json.bytes(cert != null ? cert : key, "rawBytes", "verifier");
    return materialMatches(cert != null, key != null, raw, signer);
  }

  private static Optional<Problem> materialMatches(
      boolean isCert, boolean isKey, byte[] der, SignerMaterial signer) {
    if (isCert) {
      if (!signer.isCertificate()) {
        // A key-based bundle whose entry logged the certificate of that same key.
        return certificateKey(der).map(signer::sameKey).orElse(false)
            ? Optional.empty()
            : mismatch("the entry records a certificate for a different key");
      }
      return signer.sameCertificate(der)
          ? Optional.empty()
          : mismatch("the entry records a different signing certificate");
    }
    if (isKey) {
      // A log entry may record just the signing key, also for certificate signers (some clients
      // submit the key to Rekor v2). The key must then be the certificate's: it is ephemeral and
      // bound to the certificate by the CA, so the entry still binds this signature to this signer.
      return signer.sameKey(der)
          ? Optional.empty()
          : mismatch(
              signer.isCertificate()
                  ? "the entry records a public key that is not the signing certificate's key"
                  : "the entry records a different public key");
    }
    return invalid("the entry's verifier is neither a certificate nor a public key");
  }

  private static Optional<byte[]> certificateKey(byte[] der) {
    try {
      return Optional.of(ParsedCertificate.parse(der).spki());
    } catch (CertificateFormatException e) {
      return Optional.empty();
    }
  }

  private static Optional<Problem> digestMatches(
      String alg, String hexValue, Function<String, Optional<Digest>> artifact, String what) {
    Optional<HashAlgorithm> h = HashAlgorithm.fromName(alg);
    if (h.isEmpty()) {
      return invalid("unsupported digest algorithm '" + alg + "' in the entry");
    }
    Optional<Digest> d = artifact.apply(h.get().shortName());
    if (d.isEmpty()) {
      return mismatch(
          "the entry records a "
              + h.get().shortName()
              + " digest, which cannot be compared with the "
              + what
              + " given");
    }
    return d.get().hex().equals(hexValue)
        ? Optional.empty()
        : mismatch(
            "the entry records "
                + what
                + " digest "
                + h.get().shortName()
                + ":"
                + hexValue
                + ", not "
                + d.get());
  }

  private static Optional<Problem> payloadMatches(String alg, String hexValue, DsseEnvelope env) {
    Optional<HashAlgorithm> h = HashAlgorithm.fromName(alg);
    if (h.isEmpty()) {
      return invalid("unsupported digest algorithm '" + alg + "' in the entry");
    }
    String actual = HexFormat.of().formatHex(h.get().digest(env.payload()));
    return actual.equals(hexValue)
        ? Optional.empty()
        : mismatch("the entry records a different DSSE payload (digest " + hexValue + ")");
  }

  /**
   * A hashedrekord entry records a signature over a digest. For a message signature that is the
   * artifact's digest; a DSSE envelope logged as hashedrekord (Rekor v2) records the digest of its
   * pre-authentication encoding.
   */
  private static Function<String, Optional<Digest>> signedDigest(
      SignedContent content, Function<String, Optional<Digest>> artifact) {
    if (content instanceof DsseEnvelope) {
      byte[] pae = ((DsseEnvelope) content).pae();
      return alg -> HashAlgorithm.fromName(alg).map(h -> new Digest(h.shortName(), h.digest(pae)));
    }
    return artifact;
  }

  private static String signedWhat(SignedContent content) {
    return content instanceof DsseEnvelope ? "DSSE envelope" : "artifact";
  }

  private static byte[] signatureOf(SignedContent content) {
    if (content instanceof DsseEnvelope) {
      DsseEnvelope env = (DsseEnvelope) content;
      return env.signatures().isEmpty() ? new byte[0] : env.signatures().get(0).sig();
    }
    return ((MessageSignature) content).signature();
  }

  private static Optional<Problem> mismatch(String detail) {
    return Optional.of(new Problem(ReasonCode.TLOG_ENTRY_MISMATCH, detail));
  }

  private static Optional<Problem> invalid(String detail) {
    return Optional.of(new Problem(ReasonCode.TLOG_ENTRY_INVALID, detail));
  }
}
