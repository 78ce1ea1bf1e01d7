package dev.countersign.report.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.report.aws.internal.AwsClients;
import dev.countersign.report.aws.internal.CapturedExchange;
import dev.countersign.report.aws.internal.ExchangeRecorder;
import dev.countersign.report.aws.internal.Json;
import dev.countersign.report.aws.internal.RsaKeys;
import dev.countersign.report.aws.internal.SdkErrors;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.ListPublicKeysResponse;

/**
 * The public keys CloudTrail signed digest files with, by fingerprint. Each key's fingerprint is
 * checked to be the MD5 of its value: a digest names its key by fingerprint, so a key list that
 * paired a fingerprint with another key could make a forged digest verify.
 */
public final class DigestPublicKeys {

  /**
   * @param fingerprint hex MD5 of the PKCS#1 DER key, as in digest files
   * @param source where the key came from, for reports
   */
  public record Key(
      String fingerprint,
      PublicKey publicKey,
      Optional<Instant> validFrom,
      Optional<Instant> validUntil,
      String source) {}

  private final Map<String, Key> byFingerprint;

  private DigestPublicKeys(Collection<Key> keys) {
    Map<String, Key> m = new LinkedHashMap<>();
    for (Key k : keys) {
      m.putIfAbsent(k.fingerprint(), k);
    }
    this.byFingerprint = Map.copyOf(m);
  }

  public static DigestPublicKeys of(Collection<Key> keys) {
    return new DigestPublicKeys(keys);
  }

  public DigestPublicKeys merge(DigestPublicKeys other) {
    List<Key> all = new ArrayList<>(byFingerprint.values());
    all.addAll(other.byFingerprint.values());
    return new DigestPublicKeys(all);
  }

  public Optional<Key> find(String fingerprint) {
    return Optional.ofNullable(byFingerprint.get(fingerprint));
  }

  public int size() {
    return byFingerprint.size();
  }

  /**
   * Keys from a file or from every {@code .json} and {@code .pem} file of a folder: the output of
   * {@code aws cloudtrail list-public-keys} ({@code
   * {"PublicKeyList":[{"Value","Fingerprint",...}]}}), or PEM RSA public keys (fingerprint
   * computed).
   *
   * @throws AwsEvidenceException ({@link AwsReason#KEY_FILE_INVALID}) for an unreadable file, a
   *     value that is not an RSA key, or a fingerprint that does not match its key
   */
  public static DigestPublicKeys fromPath(Path path) {
    List<Path> files = new ArrayList<>();
    if (Files.isDirectory(path)) {
      try (Stream<Path> s = Files.list(path)) {
        s.filter(p -> p.toString().endsWith(".json") || p.toString().endsWith(".pem"))
            .sorted()
            .forEach(files::add);
      } catch (IOException e) {
        throw invalid(path, "cannot list the folder: " + e.getMessage());
      }
    } else if (Files.isRegularFile(path)) {
      files.add(path);
    } else {
      throw invalid(path, "no such file or folder");
    }
    List<Key> keys = new ArrayList<>();
    for (Path f : files) {
      String text;
      try {
        text = Files.readString(f, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw invalid(f, "cannot read: " + e.getMessage());
      }
      if (text.contains("-----BEGIN")) {
        keys.addAll(pemKeys(f, text));
      } else {
        keys.addAll(jsonKeys(f, text));
      }
    }
    if (keys.isEmpty()) {
      throw invalid(path, "holds no public key");
    }
    return new DigestPublicKeys(keys);
  }

  /**
   * Keys from CloudTrail's {@code ListPublicKeys} for the window (and the hours after it, when the
   * window's last digests are signed), the raw answer kept in the sink as {@code
   * cloudtrail/list-public-keys/<region>.json}.
   *
   * @throws AwsEvidenceException when the call fails after retries
   */
  public static DigestPublicKeys fetch(
      String region,
      URI endpointOverride,
      AwsCredentialsProvider credentials,
      TimeWindow window,
      EvidenceSink sink,
      Clock clock)
      throws IOException {
    try (CloudTrailClient client =
        AwsClients.cloudTrail(
            new AwsClients.Settings(
                region, endpointOverride, credentials, 6, Duration.ofSeconds(30), null))) {
      Instant end = window.end().plus(Duration.ofHours(3));
      Instant now = clock.instant();
      Instant until = end.isAfter(now) ? now : end;
      List<Key> keys = new ArrayList<>();
      String token = null;
      int page = 0;
      do {
        String t = token;
        page++;
        CapturedExchange cap = new CapturedExchange();
        ListPublicKeysResponse response;
        try {
          response =
              client.listPublicKeys(
                  b ->
                      b.startTime(window.start())
                          .endTime(until.isAfter(window.start()) ? until : null)
                          .nextToken(t)
                          .overrideConfiguration(
                              o -> o.putExecutionAttribute(ExchangeRecorder.CAPTURE, cap)));
        } catch (SdkException e) {
          throw new AwsEvidenceException(
              SdkErrors.reason(e),
              "CloudTrail ListPublicKeys in " + region + " failed: " + SdkErrors.message(e),
              e);
        }
        sink.write(
            "cloudtrail/list-public-keys/" + region + (page == 1 ? "" : "-" + page) + ".json",
            cap.responseBody().orElse(new byte[0]),
            cap.query("cloudtrail", "ListPublicKeys", region, "", clock.instant()));
        for (var k : response.publicKeyList()) {
          byte[] value = k.value() == null ? new byte[0] : k.value().asByteArray();
          keys.add(
              key(
                  value,
                  k.fingerprint(),
                  Optional.ofNullable(k.validityStartTime()),
                  Optional.ofNullable(k.validityEndTime()),
                  "ListPublicKeys " + region,
                  Path.of(region)));
        }
        token = response.nextToken();
      } while (token != null && !token.isEmpty());
      return new DigestPublicKeys(keys);
    }
  }

  private static List<Key> jsonKeys(Path f, String text) {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(text);
    } catch (IOException e) {
      throw invalid(f, "is neither PEM nor JSON: " + e.getMessage());
    }
    JsonNode list = root == null ? null : root.get("PublicKeyList");
    if (list == null || !list.isArray()) {
      throw invalid(
          f, "has no PublicKeyList array (the output of aws cloudtrail list-public-keys)");
    }
    List<Key> keys = new ArrayList<>();
    for (JsonNode k : list) {
      byte[] value;
      try {
        value = Base64.getDecoder().decode(Json.text(k, "Value").orElse(""));
      } catch (IllegalArgumentException e) {
        throw invalid(f, "a Value is not base64");
      }
      keys.add(
          key(
              value,
              Json.text(k, "Fingerprint").orElse(null),
              time(f, k.get("ValidityStartTime")),
              time(f, k.get("ValidityEndTime")),
              f.toString(),
              f));
    }
    return keys;
  }

  private static List<Key> pemKeys(Path f, String text) {
    List<Key> keys = new ArrayList<>();
    int from = 0;
    while (true) {
      int begin = text.indexOf("-----BEGIN ", from);
      if (begin < 0) {
        break;
      }
      int labelEnd = text.indexOf("-----", begin + 11);
      int end = labelEnd < 0 ? -1 : text.indexOf("-----END ", labelEnd);
      if (end < 0) {
        throw invalid(f, "has an unterminated PEM block");
      }
      String label = text.substring(begin + 11, labelEnd);
      byte[] der;
      try {
        der = Base64.getMimeDecoder().decode(text.substring(labelEnd + 5, end));
      } catch (IllegalArgumentException e) {
        throw invalid(f, "has a PEM block that is not base64");
      }
      byte[] pkcs1;
      try {
        if (label.equals("RSA PUBLIC KEY")) {
          pkcs1 = der;
        } else if (label.equals("PUBLIC KEY")) {
          pkcs1 = RsaKeys.toPkcs1(RsaKeys.fromSpki(der));
        } else {
          throw invalid(f, "has a PEM block of type " + label + ", not a public key");
        }
      } catch (GeneralSecurityException e) {
        throw invalid(f, "holds a public key that is not RSA: " + e.getMessage());
      }
      keys.add(key(pkcs1, null, Optional.empty(), Optional.empty(), f.toString(), f));
      from = end + 9;
    }
    return keys;
  }

  private static Key key(
      byte[] pkcs1,
      String claimedFingerprint,
      Optional<Instant> from,
      Optional<Instant> until,
      String source,
      Path file) {
    String fingerprint = RsaKeys.fingerprint(pkcs1);
    if (claimedFingerprint != null && !claimedFingerprint.equalsIgnoreCase(fingerprint)) {
      throw invalid(
          file,
          "claims fingerprint "
              + claimedFingerprint
              + " for a key whose fingerprint is "
              + fingerprint);
    }
    PublicKey key;
    try {
      key = RsaKeys.fromPkcs1(pkcs1);
    } catch (GeneralSecurityException e) {
      throw invalid(file, "holds a value that is not a PKCS#1 RSA public key: " + e.getMessage());
    }
    if (((RSAPublicKey) key).getModulus().bitLength() < 2048) {
      throw invalid(file, "holds an RSA key shorter than 2048 bits");
    }
    return new Key(fingerprint, key, from, until, source);
  }

  /** The CLI prints epoch seconds (v1) or ISO-8601 (v2); both are read. */
  private static Optional<Instant> time(Path f, JsonNode n) {
    if (n == null || n.isNull()) {
      return Optional.empty();
    }
    if (n.isNumber()) {
      return Optional.of(Instant.ofEpochMilli(Math.round(n.asDouble() * 1000)));
    }
    try {
      return Optional.of(java.time.OffsetDateTime.parse(n.asText()).toInstant());
    } catch (DateTimeParseException e) {
      throw invalid(f, "has a validity time that is neither epoch seconds nor ISO-8601: " + n);
    }
  }

  private static AwsEvidenceException invalid(Path f, String what) {
    return new AwsEvidenceException(
        AwsReason.KEY_FILE_INVALID, "CloudTrail public key file " + f + " " + what);
  }
}
