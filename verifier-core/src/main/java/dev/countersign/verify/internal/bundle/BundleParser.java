package dev.countersign.verify.internal.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.verify.EvidenceFormatException;
import dev.countersign.verify.bundle.BundleVersion;
import dev.countersign.verify.bundle.InclusionProof;
import dev.countersign.verify.bundle.MessageSignature;
import dev.countersign.verify.bundle.SignedContent;
import dev.countersign.verify.bundle.SigstoreBundle;
import dev.countersign.verify.bundle.TransparencyLogEntry;
import dev.countersign.verify.bundle.VerificationMaterial;
import dev.countersign.verify.internal.attest.DsseParser;
import dev.countersign.verify.internal.crypto.HashAlgorithm;
import dev.countersign.verify.internal.json.Json;
import dev.countersign.verify.internal.json.JsonFormatException;
import dev.countersign.verify.verdict.ReasonCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads Sigstore bundle JSON into {@link SigstoreBundle}, enforcing the structural rules of each
 * version (client spec and protobuf-specs): v0.1 entries need an inclusion promise, v0.2 and later
 * need an inclusion proof with a checkpoint; exactly one kind of verification material and of
 * content; bounded sizes everywhere.
 */
public final class BundleParser {
  static final int MAX_TLOG_ENTRIES = 32;
  static final int MAX_TIMESTAMPS = 32;
  static final int MAX_CHAIN = 10;
  static final int MAX_PROOF_HASHES = 64;
  static final int MAX_SIGNATURE_BYTES = 16 * 1024;
  static final int MAX_CERTIFICATE_BYTES = 64 * 1024;
  static final int MAX_BODY_BYTES = 1024 * 1024;
  static final int MAX_TIMESTAMP_BYTES = 64 * 1024;
  static final int MAX_CHECKPOINT_CHARS = 64 * 1024;

  private BundleParser() {}

  public static SigstoreBundle parse(byte[] json) throws EvidenceFormatException {
    if (json == null || json.length == 0) {
      throw malformed("", "bundle is empty");
    }
    if (json.length > SigstoreBundle.MAX_BUNDLE_BYTES) {
      throw malformed("", "bundle is larger than " + SigstoreBundle.MAX_BUNDLE_BYTES + " bytes");
    }
    try {
      JsonNode root = Json.parseObject(json, "bundle");
      String mediaType = Json.optionalString(root, "mediaType", "");
      if (mediaType == null) {
        throw malformed("mediaType", "bundle has no media type");
      }
      Optional<BundleVersion> version = BundleVersion.fromMediaType(mediaType);
      if (version.isEmpty()) {
        throw new EvidenceFormatException(
            ReasonCode.BUNDLE_VERSION_UNSUPPORTED,
            "mediaType",
            "unsupported bundle media type '" + mediaType + "'");
      }
      JsonNode vm = Json.object(root, "verificationMaterial", "");
      VerificationMaterial material = material(vm);
      List<TransparencyLogEntry> entries = tlogEntries(vm, version.get());
      List<byte[]> timestamps = timestamps(vm);
      SignedContent content = content(root);
      return new SigstoreBundle(mediaType, version.get(), material, entries, timestamps, content);
    } catch (JsonFormatException e) {
      throw malformed(e.path(), stripPath(e));
    }
  }

  private static VerificationMaterial material(JsonNode vm) throws JsonFormatException {
    String path = "verificationMaterial";
    JsonNode chain = Json.optionalObject(vm, "x509CertificateChain", path);
    JsonNode cert = Json.optionalObject(vm, "certificate", path);
    JsonNode key = Json.optionalObject(vm, "publicKey", path);
    int present = (chain != null ? 1 : 0) + (cert != null ? 1 : 0) + (key != null ? 1 : 0);
    if (present != 1) {
      throw new JsonFormatException(
          path,
          present == 0
              ? "no certificate, certificate chain or public key"
              : "more than one of certificate, certificate chain and public key");
    }
    if (key != null) {
      return new VerificationMaterial.PublicKeyHint(
          Json.optionalString(key, "hint", Json.join(path, "publicKey")));
    }
    if (cert != null) {
      String cpath = Json.join(path, "certificate");
      return new VerificationMaterial.Certificates(
          List.of(bounded(Json.bytes(cert, "rawBytes", cpath), MAX_CERTIFICATE_BYTES, cpath)),
          false);
    }
    String cpath = Json.join(path, "x509CertificateChain.certificates");
    JsonNode certs =
        Json.optionalArray(chain, "certificates", Json.join(path, "x509CertificateChain"));
    if (certs == null || certs.isEmpty()) {
      throw new JsonFormatException(cpath, "certificate chain is empty");
    }
    if (certs.size() > MAX_CHAIN) {
      throw new JsonFormatException(cpath, "more than " + MAX_CHAIN + " certificates");
    }
    List<byte[]> ders = new ArrayList<>();
    for (int i = 0; i < certs.size(); i++) {
      String p = Json.index(cpath, i);
      byte[] der = Json.bytes(certs.get(i), "rawBytes", p);
      if (der.length == 0) {
        throw new JsonFormatException(p, "certificate is empty");
      }
      ders.add(bounded(der, MAX_CERTIFICATE_BYTES, p));
    }
    return new VerificationMaterial.Certificates(ders, true);
  }

  private static List<TransparencyLogEntry> tlogEntries(JsonNode vm, BundleVersion version)
      throws JsonFormatException {
    String path = "verificationMaterial.tlogEntries";
    JsonNode arr = Json.optionalArray(vm, "tlogEntries", "verificationMaterial");
    List<TransparencyLogEntry> out = new ArrayList<>();
    if (arr == null) {
      return out;
    }
    if (arr.size() > MAX_TLOG_ENTRIES) {
      throw new JsonFormatException(path, "more than " + MAX_TLOG_ENTRIES + " entries");
    }
    for (int i = 0; i < arr.size(); i++) {
      out.add(entry(arr.get(i), Json.index(path, i), version));
    }
    return out;
  }

  private static TransparencyLogEntry entry(JsonNode e, String path, BundleVersion version)
      throws JsonFormatException {
    if (!e.isObject()) {
      throw new JsonFormatException(path, "must be an object");
    }
    long logIndex = nonNegative(Json.int64(e, "logIndex", path), Json.join(path, "logIndex"));
    byte[] logId = Json.bytes(Json.object(e, "logId", path), "keyId", Json.join(path, "logId"));
    if (logId.length == 0) {
      throw new JsonFormatException(Json.join(path, "logId.keyId"), "log id is empty");
    }
    JsonNode kv = Json.object(e, "kindVersion", path);
    String kind = Json.string(kv, "kind", Json.join(path, "kindVersion"));
    String kindVersion = Json.string(kv, "version", Json.join(path, "kindVersion"));
    Long it = Json.optionalInt64(e, "integratedTime", path);
    long integratedTime = it == null ? 0 : nonNegative(it, Json.join(path, "integratedTime"));
    JsonNode promise = Json.optionalObject(e, "inclusionPromise", path);
    byte[] set =
        promise == null
            ? null
            : Json.bytes(promise, "signedEntryTimestamp", Json.join(path, "inclusionPromise"));
    if (set != null) {
      bounded(set, MAX_SIGNATURE_BYTES, Json.join(path, "inclusionPromise"));
    }
    InclusionProof proof = proof(e, path);
    byte[] body = Json.bytes(e, "canonicalizedBody", path);
    if (body.length == 0) {
      throw new JsonFormatException(Json.join(path, "canonicalizedBody"), "body is empty");
    }
    bounded(body, MAX_BODY_BYTES, Json.join(path, "canonicalizedBody"));
    // Version rules: v0.1 carries the log's promise (SET); later versions carry an inclusion proof
    // with a signed checkpoint, which is what makes offline verification of inclusion possible.
    if (version == BundleVersion.V0_1 && set == null) {
      throw new JsonFormatException(
          Json.join(path, "inclusionPromise"), "a v0.1 bundle entry needs an inclusion promise");
    }
    if (version != BundleVersion.V0_1) {
      if (proof == null) {
        throw new JsonFormatException(
            Json.join(path, "inclusionProof"),
            "a " + version.mediaType() + " entry needs an inclusion proof");
      }
      if (proof.checkpoint().isEmpty()) {
        throw new JsonFormatException(
            Json.join(path, "inclusionProof.checkpoint"), "inclusion proof has no checkpoint");
      }
    }
    return new TransparencyLogEntry(
        logIndex,
        logId,
        kind,
        kindVersion,
        integratedTime,
        Optional.ofNullable(set),
        Optional.ofNullable(proof),
        body);
  }

  private static InclusionProof proof(JsonNode e, String entryPath) throws JsonFormatException {
    JsonNode p = Json.optionalObject(e, "inclusionProof", entryPath);
    if (p == null) {
      return null;
    }
    String path = Json.join(entryPath, "inclusionProof");
    long index = nonNegative(Json.int64(p, "logIndex", path), Json.join(path, "logIndex"));
    byte[] root = Json.bytes(p, "rootHash", path);
    long treeSize = Json.int64(p, "treeSize", path);
    if (treeSize <= 0) {
      throw new JsonFormatException(Json.join(path, "treeSize"), "tree size must be positive");
    }
    JsonNode hashes = Json.optionalArray(p, "hashes", path);
    List<byte[]> hs = new ArrayList<>();
    if (hashes != null) {
      if (hashes.size() > MAX_PROOF_HASHES) {
        throw new JsonFormatException(Json.join(path, "hashes"), "too many hashes");
      }
      for (int i = 0; i < hashes.size(); i++) {
        JsonNode h = hashes.get(i);
        String hpath = Json.index(Json.join(path, "hashes"), i);
        if (!h.isTextual()) {
          throw new JsonFormatException(hpath, "must be a base64 string");
        }
        hs.add(Json.base64(h.textValue(), hpath));
      }
    }
    JsonNode cp = Json.optionalObject(p, "checkpoint", path);
    String checkpoint =
        cp == null ? null : Json.optionalString(cp, "envelope", Json.join(path, "checkpoint"));
    if (checkpoint != null && checkpoint.length() > MAX_CHECKPOINT_CHARS) {
      throw new JsonFormatException(Json.join(path, "checkpoint"), "checkpoint is too large");
    }
    return new InclusionProof(index, root, treeSize, hs, checkpoint);
  }

  private static List<byte[]> timestamps(JsonNode vm) throws JsonFormatException {
    String path = "verificationMaterial.timestampVerificationData";
    JsonNode tvd = Json.optionalObject(vm, "timestampVerificationData", "verificationMaterial");
    List<byte[]> out = new ArrayList<>();
    if (tvd == null) {
      return out;
    }
    JsonNode arr = Json.optionalArray(tvd, "rfc3161Timestamps", path);
    if (arr == null) {
      return out;
    }
    if (arr.size() > MAX_TIMESTAMPS) {
      throw new JsonFormatException(Json.join(path, "rfc3161Timestamps"), "too many timestamps");
    }
    for (int i = 0; i < arr.size(); i++) {
      String p = Json.index(Json.join(path, "rfc3161Timestamps"), i);
      byte[] ts = Json.bytes(arr.get(i), "signedTimestamp", p);
      if (ts.length == 0) {
        throw new JsonFormatException(p, "timestamp is empty");
      }
      out.add(bounded(ts, MAX_TIMESTAMP_BYTES, p));
    }
    return out;
  }

  private static SignedContent content(JsonNode root) throws JsonFormatException {
    JsonNode ms = Json.optionalObject(root, "messageSignature", "");
    JsonNode dsse = Json.optionalObject(root, "dsseEnvelope", "");
    if ((ms == null) == (dsse == null)) {
      throw new JsonFormatException(
          "",
          ms == null
              ? "bundle has neither a message signature nor a DSSE envelope"
              : "bundle has both a message signature and a DSSE envelope");
    }
    if (dsse != null) {
      return DsseParser.read(dsse, "dsseEnvelope");
    }
    byte[] sig = Json.bytes(ms, "signature", "messageSignature");
    if (sig.length == 0) {
      throw new JsonFormatException("messageSignature.signature", "signature is empty");
    }
    bounded(sig, MAX_SIGNATURE_BYTES, "messageSignature.signature");
    JsonNode md = Json.optionalObject(ms, "messageDigest", "messageSignature");
    Optional<String> alg = Optional.empty();
    Optional<byte[]> digest = Optional.empty();
    if (md != null) {
      String a = Json.optionalString(md, "algorithm", "messageSignature.messageDigest");
      byte[] d = Json.bytes(md, "digest", "messageSignature.messageDigest");
      HashAlgorithm h =
          a == null
              ? HashAlgorithm.SHA2_256
              : HashAlgorithm.fromName(a)
                  .orElseThrow(
                      () ->
                          new JsonFormatException(
                              "messageSignature.messageDigest.algorithm",
                              "unsupported digest algorithm " + a));
      if (d.length != h.length()) {
        throw new JsonFormatException(
            "messageSignature.messageDigest.digest",
            h.shortName() + " digest must be " + h.length() + " bytes");
      }
      alg = Optional.of(h.shortName());
      digest = Optional.of(d);
    }
    return new MessageSignature(alg, digest, sig);
  }

  private static long nonNegative(long v, String path) throws JsonFormatException {
    if (v < 0) {
      throw new JsonFormatException(path, "must not be negative");
    }
    return v;
  }

  private static byte[] bounded(byte[] b, int max, String path) throws JsonFormatException {
    if (b.length > max) {
      throw new JsonFormatException(path, "field is larger than " + max + " bytes");
    }
    return b;
  }

  private static EvidenceFormatException malformed(String path, String message) {
    return new EvidenceFormatException(ReasonCode.EVIDENCE_MALFORMED, path, message);
  }

  private static String stripPath(JsonFormatException e) {
    String m = e.getMessage();
    String prefix = e.path() + ": ";
    return !e.path().isEmpty() && m.startsWith(prefix) ? m.substring(prefix.length()) : m;
  }
}
