package dev.countersign.verify.internal.trust;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.verify.internal.crypto.HashAlgorithm;
import dev.countersign.verify.internal.crypto.KeyFormatException;
import dev.countersign.verify.internal.crypto.PublicKeys;
import dev.countersign.verify.internal.crypto.VerificationKey;
import dev.countersign.verify.internal.json.Json;
import dev.countersign.verify.internal.json.JsonFormatException;
import dev.countersign.verify.internal.x509.CertificateFormatException;
import dev.countersign.verify.internal.x509.ParsedCertificate;
import dev.countersign.verify.trust.TrustRootException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Parses Sigstore {@code trusted_root.json} (protobuf-specs TrustedRoot, JSON mapping) and checks
 * it is internally consistent. Anything malformed is a {@link TrustRootException}: a broken root
 * must be noticed at start-up, not silently narrowed.
 */
public final class TrustRootParser {
  static final Set<String> MEDIA_TYPES =
      Set.of(
          "application/vnd.dev.sigstore.trustedroot+json;version=0.1",
          "application/vnd.dev.sigstore.trustedroot.v0.1+json",
          "application/vnd.dev.sigstore.trustedroot.v0.2+json");
  static final String CLIENT_TRUST_CONFIG =
      "application/vnd.dev.sigstore.clienttrustconfig.v0.1+json";

  private TrustRootParser() {}

  public static ParsedTrustRoot parse(String name, byte[] json, String source) {
    String revision = "sha256:" + HexFormat.of().formatHex(HashAlgorithm.SHA2_256.digest(json));
    try {
      JsonNode root = Json.parseObject(json, "trusted root");
      String mediaType = Json.optionalString(root, "mediaType", "");
      if (CLIENT_TRUST_CONFIG.equals(mediaType)) {
        root = Json.object(root, "trustedRoot", "");
        mediaType = Json.optionalString(root, "mediaType", "trustedRoot");
      }
      if (mediaType == null || !MEDIA_TYPES.contains(mediaType)) {
        throw new TrustRootException(
            source + ": unsupported trusted root media type '" + mediaType + "'");
      }
      List<LogAuthority> tlogs = logs(root, "tlogs");
      List<LogAuthority> ctlogs = logs(root, "ctlogs");
      List<CertificateAuthority> cas = authorities(root, "certificateAuthorities");
      List<CertificateAuthority> tsas = authorities(root, "timestampAuthorities");
      // Why: certificates from these authorities are only valid for minutes, so a root that trusts
      // them but has no log or timestamp authority can never place a signature in that window.
      // A root with no certificate authority at all is for configured keys, which need neither.
      if (!cas.isEmpty() && tlogs.isEmpty() && tsas.isEmpty()) {
        throw new TrustRootException(
            source
                + ": trust root has certificate authorities but neither transparency logs nor"
                + " timestamp authorities, so no signing time could ever be verified");
      }
      return new ParsedTrustRoot(name, revision, source, cas, tlogs, ctlogs, tsas);
    } catch (JsonFormatException e) {
      throw new TrustRootException(source + ": malformed trusted root: " + e.getMessage(), e);
    }
  }

  private static List<LogAuthority> logs(JsonNode root, String field) throws JsonFormatException {
    List<LogAuthority> out = new ArrayList<>();
    JsonNode arr = Json.optionalArray(root, field, "");
    if (arr == null) {
      return out;
    }
    for (int i = 0; i < arr.size(); i++) {
      String path = Json.index(field, i);
      JsonNode log = arr.get(i);
      String baseUrl = Json.optionalString(log, "baseUrl", path);
      String hash = Json.optionalString(log, "hashAlgorithm", path);
      if (hash != null && HashAlgorithm.fromName(hash).isEmpty()) {
        throw new JsonFormatException(Json.join(path, "hashAlgorithm"), "unsupported " + hash);
      }
      JsonNode pk = Json.object(log, "publicKey", path);
      byte[] raw = Json.bytes(pk, "rawBytes", Json.join(path, "publicKey"));
      String details = Json.optionalString(pk, "keyDetails", Json.join(path, "publicKey"));
      TimeRange validFor = timeRange(pk, Json.join(path, "publicKey"), true);
      byte[] logId = Json.bytes(Json.object(log, "logId", path), "keyId", Json.join(path, "logId"));
      JsonNode cp = Json.optionalObject(log, "checkpointKeyId", path);
      byte[] checkpointKeyId =
          cp == null ? null : Json.optionalBytes(cp, "keyId", Json.join(path, "checkpointKeyId"));
      VerificationKey key;
      try {
        key = PublicKeys.fromKeyDetails(raw, details);
      } catch (KeyFormatException e) {
        throw new JsonFormatException(Json.join(path, "publicKey"), e.getMessage(), e);
      }
      out.add(
          new LogAuthority(baseUrl == null ? "" : baseUrl, logId, checkpointKeyId, key, validFor));
    }
    return out;
  }

  private static List<CertificateAuthority> authorities(JsonNode root, String field)
      throws JsonFormatException {
    List<CertificateAuthority> out = new ArrayList<>();
    JsonNode arr = Json.optionalArray(root, field, "");
    if (arr == null) {
      return out;
    }
    for (int i = 0; i < arr.size(); i++) {
      String path = Json.index(field, i);
      JsonNode ca = arr.get(i);
      String uri = Json.optionalString(ca, "uri", path);
      JsonNode subject = Json.optionalObject(ca, "subject", path);
      String subjectText = "";
      if (subject != null) {
        String org = Json.optionalString(subject, "organization", Json.join(path, "subject"));
        String cn = Json.optionalString(subject, "commonName", Json.join(path, "subject"));
        subjectText =
            (cn == null ? "" : "CN=" + cn)
                + (org == null ? "" : (cn == null ? "" : ", ") + "O=" + org);
      }
      JsonNode chainNode = Json.object(ca, "certChain", path);
      JsonNode certs = Json.optionalArray(chainNode, "certificates", Json.join(path, "certChain"));
      if (certs == null || certs.isEmpty()) {
        throw new JsonFormatException(Json.join(path, "certChain"), "certificate chain is empty");
      }
      List<ParsedCertificate> chain = new ArrayList<>();
      for (int j = 0; j < certs.size(); j++) {
        String cpath = Json.index(Json.join(path, "certChain.certificates"), j);
        byte[] der = Json.bytes(certs.get(j), "rawBytes", cpath);
        try {
          chain.add(ParsedCertificate.parse(der));
        } catch (CertificateFormatException e) {
          throw new JsonFormatException(cpath, e.getMessage(), e);
        }
      }
      chain = orderChain(chain, path);
      TimeRange validFor = timeRange(ca, path, false);
      if (subjectText.isEmpty()) {
        subjectText = chain.get(0).subject().toString();
      }
      out.add(new CertificateAuthority(uri == null ? "" : uri, subjectText, chain, validFor));
    }
    return out;
  }

  /**
   * Orders a chain issuing-certificate first, root last. trusted_root.json lists it that way, but
   * some producers write it root first; either order is accepted as long as the names link into a
   * single path (signatures are checked on first use).
   */
  private static List<ParsedCertificate> orderChain(List<ParsedCertificate> chain, String path)
      throws JsonFormatException {
    if (linked(chain)) {
      return chain;
    }
    List<ParsedCertificate> reversed = new ArrayList<>(chain);
    java.util.Collections.reverse(reversed);
    if (linked(reversed)) {
      return reversed;
    }
    throw new JsonFormatException(
        Json.join(path, "certChain"),
        "the certificates do not form a chain (each must be issued by the next)");
  }

  private static boolean linked(List<ParsedCertificate> chain) {
    for (int k = 0; k + 1 < chain.size(); k++) {
      if (!chain.get(k).issuer().equals(chain.get(k + 1).subject())
          || chain.get(k).subject().equals(chain.get(k + 1).subject())) {
        return false;
      }
    }
    return true;
  }

  /**
   * Reads {@code validFor}. It is optional (absent means not limited in time), but a present range
   * needs its start: for log keys a range without a start is a bound that was meant but lost, and
   * must not be read as "forever", so such a root is rejected. A certificate authority's empty
   * range is read as unbounded, since its certificates' own validity still applies.
   */
  private static TimeRange timeRange(JsonNode node, String path, boolean logKey)
      throws JsonFormatException {
    JsonNode vf = Json.optionalObject(node, "validFor", path);
    String vpath = Json.join(path, "validFor");
    if (vf == null) {
      return TimeRange.ALWAYS;
    }
    Instant start = Json.optionalTimestamp(vf, "start", vpath);
    Instant end = Json.optionalTimestamp(vf, "end", vpath);
    if (start == null && end == null && !logKey) {
      return TimeRange.ALWAYS;
    }
    if (start == null) {
      throw new JsonFormatException(vpath, "validity period has no start");
    }
    if (end != null && end.isBefore(start)) {
      throw new JsonFormatException(vpath, "validity period ends before it starts");
    }
    return new TimeRange(start, end);
  }
}
