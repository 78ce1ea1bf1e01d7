package dev.countersign.report.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

/**
 * Generates CloudTrail records for ECR (and other services) shaped as the CloudTrail record
 * contents reference and ECR's logging guide show them, writes them as trail log files in
 * CloudTrail's layout, and signs hourly digest files the way CloudTrail does. Deterministic for a
 * seed. Usable from benchmark drivers (it streams: one log file in memory at a time).
 */
public final class SyntheticTrail {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter LOG_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DIGEST_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

  /** What a generated record is, decided by the generator (not by the code under test). */
  public enum Kind {
    PUSH(EventCategory.PUSH),
    PULL(EventCategory.PULL),
    TAG_MUTABILITY(EventCategory.CONFIGURATION_CHANGE),
    SET_POLICY(EventCategory.CONFIGURATION_CHANGE),
    PULL_DENIED(EventCategory.ACCESS_DENIED),
    AUTH_TOKEN(EventCategory.OTHER),
    OTHER_SERVICE(null);

    public final EventCategory category;

    Kind(EventCategory category) {
      this.category = category;
    }
  }

  /** One generated record. */
  public record Generated(String eventId, Instant time, Kind kind, ObjectNode record) {}

  /** Where files go: a folder or a bucket. */
  @FunctionalInterface
  public interface Target {
    void put(String key, byte[] content, Map<String, String> metadata) throws IOException;
  }

  /** A log file written, with what a digest needs of it. */
  public record WrittenLog(
      String key, Instant delivered, String sha256, Instant oldest, Instant newest) {}

  private final String account;
  private final String region;
  private final Random random;

  public SyntheticTrail(String account, String region, long seed) {
    this.account = account;
    this.region = region;
    this.random = new Random(seed);
  }

  /** A folder target: files under {@code root}, digest signatures beside them as .signature. */
  public static Target folder(Path root) {
    return (key, content, metadata) -> {
      Path p = root.resolve(key);
      Files.createDirectories(p.getParent());
      Files.write(p, content);
      if (metadata.containsKey("signature")) {
        Files.writeString(
            p.resolveSibling(p.getFileName() + ".signature"), metadata.get("signature"));
      }
    };
  }

  // --- records ---

  /** The kinds cycle so that every category occurs; every 4th record is another service's. */
  public Generated next(int index, Instant time) {
    Kind kind;
    if (index % 4 == 3) {
      kind = Kind.OTHER_SERVICE;
    } else {
      Kind[] ecr = {
        Kind.PUSH,
        Kind.PULL,
        Kind.PULL,
        Kind.PULL_DENIED,
        Kind.TAG_MUTABILITY,
        Kind.SET_POLICY,
        Kind.AUTH_TOKEN,
        Kind.PULL
      };
      kind = ecr[(index / 4 * 3 + index % 4) % ecr.length];
    }
    String eventId = new UUID(random.nextLong(), random.nextLong()).toString();
    return new Generated(eventId, time, kind, record(kind, eventId, time, index));
  }

  public ObjectNode record(Kind kind, String eventId, Instant time, int index) {
    String repo = "prod/service-" + (index % 7);
    String digest = "sha256:" + hex(sha256(("image-" + index).getBytes(StandardCharsets.UTF_8)));
    String tag = "v1." + (index % 13);
    ObjectNode r = JSON.createObjectNode();
    r.put("eventVersion", "1.08");
    ObjectNode identity = r.putObject("userIdentity");
    r.put("eventTime", time.truncatedTo(ChronoUnit.SECONDS).toString());
    r.put("eventSource", kind == Kind.OTHER_SERVICE ? "s3.amazonaws.com" : "ecr.amazonaws.com");
    r.put("awsRegion", region);
    r.put("sourceIPAddress", "203.0.113." + (index % 250 + 1));
    switch (kind) {
      case PUSH -> {
        role(identity, "ci-push", "build-" + index);
        r.put("eventName", "PutImage");
        r.put("userAgent", "docker/24.0.7 go/go1.20.10 git-commit/311b9ff");
        ObjectNode req = r.putObject("requestParameters");
        req.put("repositoryName", repo);
        req.put("imageTag", tag);
        req.put("registryId", account);
        req.put(
            "imageManifest",
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\"}");
        ObjectNode image = r.putObject("responseElements").putObject("image");
        image.put("registryId", account);
        image.put("repositoryName", repo);
        image.putObject("imageId").put("imageDigest", digest).put("imageTag", tag);
        r.put("readOnly", false);
      }
      case PULL -> {
        role(identity, "eks-node", "i-0" + Integer.toHexString(index));
        r.put("eventName", "BatchGetImage");
        r.put("userAgent", "containerd/1.7.11");
        ObjectNode req = r.putObject("requestParameters");
        req.put("registryId", account);
        req.put("repositoryName", repo);
        req.putArray("imageIds").addObject().put("imageDigest", digest);
        req.putArray("acceptedMediaTypes")
            .add("application/vnd.docker.distribution.manifest.v2+json")
            .add("application/vnd.oci.image.manifest.v1+json");
        r.putNull("responseElements");
        r.put("readOnly", true);
      }
      case PULL_DENIED -> {
        identity.put("type", "IAMUser");
        identity.put("principalId", "AIDAEXAMPLE" + index % 10);
        identity.put("arn", "arn:aws:iam::" + account + ":user/dev-" + index % 10);
        identity.put("accountId", account);
        identity.put("userName", "dev-" + index % 10);
        r.put("eventName", "BatchGetImage");
        r.put("userAgent", "aws-cli/2.15.0");
        r.put("errorCode", "AccessDenied");
        r.put(
            "errorMessage",
            "User: arn:aws:iam::"
                + account
                + ":user/dev-"
                + index % 10
                + " is not authorized to perform: ecr:BatchGetImage on resource: arn:aws:ecr:"
                + region
                + ":"
                + account
                + ":repository/"
                + repo
                + " because no identity-based policy allows the ecr:BatchGetImage action");
        ObjectNode req = r.putObject("requestParameters");
        req.put("repositoryName", repo);
        req.putArray("imageIds").addObject().put("imageTag", tag);
        r.putNull("responseElements");
        r.put("readOnly", true);
      }
      case TAG_MUTABILITY -> {
        role(identity, "platform-admin", "admin-" + index);
        r.put("eventName", "PutImageTagMutability");
        r.put("userAgent", "terraform/1.6.6");
        ObjectNode req = r.putObject("requestParameters");
        req.put("repositoryName", repo);
        req.put("imageTagMutability", "IMMUTABLE");
        ObjectNode resp = r.putObject("responseElements");
        resp.put("registryId", account);
        resp.put("repositoryName", repo);
        resp.put("imageTagMutability", "IMMUTABLE");
        r.put("readOnly", false);
      }
      case SET_POLICY -> {
        identity.put("type", "Root");
        identity.put("principalId", account);
        identity.put("arn", "arn:aws:iam::" + account + ":root");
        identity.put("accountId", account);
        r.put("eventName", "SetRepositoryPolicy");
        r.put("userAgent", "console.amazonaws.com");
        ObjectNode req = r.putObject("requestParameters");
        req.put("repositoryName", repo);
        req.put("policyText", "{\"Version\":\"2012-10-17\",\"Statement\":[]}");
        req.put("force", false);
        r.putObject("responseElements").put("repositoryName", repo).put("registryId", account);
        r.put("readOnly", false);
      }
      case AUTH_TOKEN -> {
        identity.put("type", "AWSService");
        identity.put("invokedBy", "ecr.amazonaws.com");
        r.put("eventName", "GetAuthorizationToken");
        r.put("userAgent", "ecr.amazonaws.com");
        r.putNull("requestParameters");
        r.putNull("responseElements");
        r.put("readOnly", true);
      }
      case OTHER_SERVICE -> {
        role(identity, "app", "app-" + index);
        r.put("eventName", "GetBucketAcl");
        r.put("userAgent", "aws-sdk-java/2.20.0");
        r.putObject("requestParameters").put("bucketName", "logs-" + index % 3).put("acl", "");
        r.putNull("responseElements");
        r.put("readOnly", true);
      }
      default -> throw new IllegalStateException();
    }
    r.put("requestID", new UUID(random.nextLong(), random.nextLong()).toString());
    r.put("eventID", eventId);
    if (kind != Kind.OTHER_SERVICE && kind != Kind.AUTH_TOKEN) {
      r.putArray("resources")
          .addObject()
          .put("accountId", account)
          .put("ARN", "arn:aws:ecr:" + region + ":" + account + ":repository/" + repo);
    }
    r.put("eventType", "AwsApiCall");
    r.put("managementEvent", true);
    r.put("recipientAccountId", account);
    r.put("eventCategory", "Management");
    return r;
  }

  private void role(ObjectNode identity, String role, String session) {
    identity.put("type", "AssumedRole");
    identity.put("principalId", "AROAEXAMPLE" + role.length() + ":" + session);
    identity.put("arn", "arn:aws:sts::" + account + ":assumed-role/" + role + "/" + session);
    identity.put("accountId", account);
    identity.put("accessKeyId", "ASIAEXAMPLE" + session.length());
    ObjectNode ctx = identity.putObject("sessionContext");
    ctx.putObject("sessionIssuer")
        .put("type", "Role")
        .put("principalId", "AROAEXAMPLE" + role.length())
        .put("arn", "arn:aws:iam::" + account + ":role/" + role)
        .put("accountId", account)
        .put("userName", role);
    ctx.putObject("attributes").put("mfaAuthenticated", "false");
  }

  // --- log files ---

  /**
   * Writes {@code count} records spaced {@code spacing} apart from {@code start} as log files, one
   * per 5 minutes of delivery (at most {@code perFile} records each). Records whose index is a
   * multiple of {@code duplicateEvery} (when positive) are delivered a second time in the next
   * file.
   *
   * @param expected receives every generated record (duplicates once)
   */
  public List<WrittenLog> writeLogFiles(
      Target target,
      String prefix,
      Instant start,
      Duration spacing,
      int count,
      int perFile,
      int duplicateEvery,
      java.util.function.Consumer<Generated> expected)
      throws IOException {
    List<WrittenLog> written = new ArrayList<>();
    List<ObjectNode> batch = new ArrayList<>();
    List<ObjectNode> carry = new ArrayList<>();
    Instant bucketEnd = null;
    Instant oldest = null;
    Instant newest = null;
    for (int i = 0; i < count; i++) {
      Instant t = start.plus(spacing.multipliedBy(i));
      Instant end = deliveryOf(t);
      if (bucketEnd != null && (!end.equals(bucketEnd) || batch.size() >= perFile)) {
        written.add(flush(target, prefix, bucketEnd, batch, oldest, newest));
        batch.clear();
        batch.addAll(carry);
        carry.clear();
        oldest = null;
      }
      bucketEnd = end;
      Generated g = next(i, t);
      expected.accept(g);
      batch.add(g.record());
      oldest = oldest == null ? t : oldest;
      newest = t;
      if (duplicateEvery > 0 && i % duplicateEvery == 0) {
        carry.add(g.record());
      }
    }
    if (!batch.isEmpty() || !carry.isEmpty()) {
      batch.addAll(carry);
      written.add(flush(target, prefix, bucketEnd, batch, oldest, newest));
    }
    return written;
  }

  /** CloudTrail delivers in 5-minute batches; the name carries the batch's end. */
  private static Instant deliveryOf(Instant eventTime) {
    long minutes = eventTime.getEpochSecond() / 60;
    return Instant.ofEpochSecond((minutes / 5 + 1) * 5 * 60);
  }

  private WrittenLog flush(
      Target target,
      String prefix,
      Instant delivered,
      List<ObjectNode> records,
      Instant oldest,
      Instant newest)
      throws IOException {
    ObjectNode file = JSON.createObjectNode();
    ArrayNode array = file.putArray("Records");
    records.forEach(array::add);
    byte[] json = JSON.writeValueAsBytes(file);
    String unique = Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
    String key =
        prefix
            + "AWSLogs/"
            + account
            + "/CloudTrail/"
            + region
            + "/"
            + DAY.format(delivered)
            + "/"
            + account
            + "_CloudTrail_"
            + region
            + "_"
            + LOG_TIME.format(delivered)
            + "_"
            + unique
            + ".json.gz";
    target.put(key, gzip(json), Map.of());
    return new WrittenLog(key, delivered, hex(sha256(json)), oldest, newest);
  }

  // --- digests ---

  /** A digest written: key, signature and uncompressed content. */
  public record WrittenDigest(String key, String signature, byte[] content) {}

  /**
   * Writes one digest per hour from the hour of {@code from} to the hour of {@code to}, each
   * listing the log files delivered in its hour, chained by previous signature and hash, signed
   * with {@code key} (SHA256withRSA over CloudTrail's data-to-sign string), the signature hex in
   * the object's {@code signature} metadata.
   */
  public List<WrittenDigest> writeDigests(
      Target target,
      String bucket,
      String prefix,
      String trailName,
      KeyPair key,
      List<WrittenLog> logs,
      Instant from,
      Instant to)
      throws IOException {
    String fingerprint = fingerprint((RSAPublicKey) key.getPublic());
    List<WrittenDigest> out = new ArrayList<>();
    WrittenDigest previous = null;
    for (Instant hour = from.truncatedTo(ChronoUnit.HOURS);
        hour.isBefore(to);
        hour = hour.plus(Duration.ofHours(1))) {
      Instant end = hour.plus(Duration.ofHours(1));
      String digestKey =
          prefix
              + "AWSLogs/"
              + account
              + "/CloudTrail-Digest/"
              + region
              + "/"
              + DAY.format(end)
              + "/"
              + account
              + "_CloudTrail-Digest_"
              + region
              + "_"
              + trailName
              + "_"
              + region
              + "_"
              + DIGEST_TIME.format(end)
              + ".json.gz";
      ObjectNode d = JSON.createObjectNode();
      d.put("awsAccountId", account);
      d.put("digestStartTime", hour.toString());
      d.put("digestEndTime", end.toString());
      d.put("digestS3Bucket", bucket);
      d.put("digestS3Object", digestKey);
      d.put("digestPublicKeyFingerprint", fingerprint);
      d.put("digestSignatureAlgorithm", "SHA256withRSA");
      if (previous == null) {
        d.putNull("previousDigestS3Bucket");
        d.putNull("previousDigestS3Object");
        d.putNull("previousDigestHashValue");
        d.putNull("previousDigestHashAlgorithm");
        d.putNull("previousDigestSignature");
      } else {
        d.put("previousDigestS3Bucket", bucket);
        d.put("previousDigestS3Object", previous.key());
        d.put("previousDigestHashValue", hex(sha256(previous.content())));
        d.put("previousDigestHashAlgorithm", "SHA-256");
        d.put("previousDigestSignature", previous.signature());
      }
      ArrayNode files = d.putArray("logFiles");
      for (WrittenLog log : logs) {
        if (!log.delivered().isBefore(hour) && log.delivered().isBefore(end)) {
          ObjectNode f = files.addObject();
          f.put("s3Bucket", bucket);
          f.put("s3Object", log.key());
          f.put("hashValue", log.sha256());
          f.put("hashAlgorithm", "SHA-256");
          f.put("newestEventTime", log.newest().truncatedTo(ChronoUnit.SECONDS).toString());
          f.put("oldestEventTime", log.oldest().truncatedTo(ChronoUnit.SECONDS).toString());
        }
      }
      previous = writeDigest(target, digestKey, d, key.getPrivate());
      out.add(previous);
    }
    return out;
  }

  /** Signs and writes a digest document as CloudTrail does. */
  public static WrittenDigest writeDigest(
      Target target, String key, ObjectNode digest, PrivateKey signingKey) throws IOException {
    byte[] content = JSON.writeValueAsBytes(digest);
    String previousSignature =
        digest.path("previousDigestSignature").isTextual()
            ? digest.get("previousDigestSignature").asText()
            : "null";
    String toSign =
        digest.get("digestEndTime").asText()
            + "\n"
            + digest.get("digestS3Bucket").asText()
            + "/"
            + digest.get("digestS3Object").asText()
            + "\n"
            + hex(sha256(content))
            + "\n"
            + previousSignature;
    String signature;
    try {
      Signature s = Signature.getInstance("SHA256withRSA");
      s.initSign(signingKey);
      s.update(toSign.getBytes(StandardCharsets.UTF_8));
      signature = hex(s.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("signature", signature);
    metadata.put("signature-algorithm", "SHA256withRSA");
    target.put(key, gzip(content), metadata);
    return new WrittenDigest(key, signature, content);
  }

  public static ObjectNode parse(byte[] json) throws IOException {
    return (ObjectNode) JSON.readTree(json);
  }

  /** DER RSAPublicKey (PKCS#1), as ListPublicKeys returns it. */
  public static byte[] pkcs1(RSAPublicKey key) {
    return dev.countersign.report.aws.internal.RsaKeys.toPkcs1(key);
  }

  public static String fingerprint(RSAPublicKey key) {
    try {
      return hex(MessageDigest.getInstance("MD5").digest(pkcs1(key)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Expected kept counts by category for generated records (duplicates and others excluded). */
  public static Map<EventCategory, Long> categories(
      List<Generated> records, java.util.function.Predicate<Generated> inWindow) {
    Map<EventCategory, Long> m = new EnumMap<>(EventCategory.class);
    for (EventCategory c : EventCategory.values()) {
      m.put(c, 0L);
    }
    for (Generated g : records) {
      if (g.kind().category != null && inWindow.test(g)) {
        m.merge(g.kind().category, 1L, Long::sum);
      }
    }
    return m;
  }

  public static byte[] gzip(byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  public static byte[] sha256(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(b);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }
}
