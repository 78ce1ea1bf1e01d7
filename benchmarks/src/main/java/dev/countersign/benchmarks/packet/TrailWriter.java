package dev.countersign.benchmarks.packet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * Writes CloudTrail trail files at scale, in CloudTrail's layout: ECR records of every category
 * (shaped as the CloudTrail record contents reference shows them) plus other services' records, one
 * gzip log file per 5-minute delivery, streamed (one file in memory at a time), and hourly digest
 * files chained and signed with SHA256withRSA as CloudTrail signs them. The newest digest's
 * signature is written beside it, as a local copy of the bucket keeps it.
 */
final class TrailWriter {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter LOG_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DIGEST_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

  /** A log file written: key, delivery time, SHA-256 of its uncompressed content, event times. */
  record LogFile(String key, Instant delivered, String sha256, Instant oldest, Instant newest) {}

  private final Path root;
  private final String account;
  private final String region;
  private final Random random = new Random(1_000_000L);

  TrailWriter(Path root, String account, String region) {
    this.root = root;
    this.account = account;
    this.region = region;
  }

  /**
   * Writes {@code ecrEvents} ECR records spaced {@code spacing} apart from {@code start}, and one
   * other service's record after every tenth, in 5-minute log files.
   */
  List<LogFile> writeLogs(Instant start, Duration spacing, int ecrEvents) throws IOException {
    List<LogFile> logs = new ArrayList<>();
    List<ObjectNode> batch = new ArrayList<>();
    Instant batchEnd = null;
    for (int i = 0; i < ecrEvents; i++) {
      Instant t = start.plus(spacing.multipliedBy(i));
      Instant end = delivery(t);
      if (batchEnd != null && !end.equals(batchEnd)) {
        logs.add(flush(batchEnd, batch));
        batch.clear();
      }
      batchEnd = end;
      batch.add(record(i, t, false));
      if (i % 10 == 9) {
        batch.add(record(i, t, true));
      }
    }
    if (!batch.isEmpty()) {
      logs.add(flush(batchEnd, batch));
    }
    return logs;
  }

  private static Instant delivery(Instant t) {
    long minutes = t.getEpochSecond() / 60;
    return Instant.ofEpochSecond((minutes / 5 + 1) * 5 * 60);
  }

  private LogFile flush(Instant delivered, List<ObjectNode> records) throws IOException {
    String key =
        "AWSLogs/"
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
            + Long.toString(random.nextLong() & Long.MAX_VALUE, 36)
            + ".json.gz";
    Path file = root.resolve(key);
    Files.createDirectories(file.getParent());
    MessageDigest sha = sha256();
    // The digest lists the SHA-256 of the uncompressed content: hashed before gzip.
    try (OutputStream out =
        new DigestOutputStream(new GZIPOutputStream(Files.newOutputStream(file), 1 << 16), sha)) {
      ObjectNode doc = JSON.createObjectNode();
      ArrayNode array = doc.putArray("Records");
      records.forEach(array::add);
      out.write(JSON.writeValueAsBytes(doc));
    }
    Instant oldest = Instant.parse(records.get(0).get("eventTime").asText());
    Instant newest = Instant.parse(records.get(records.size() - 1).get("eventTime").asText());
    return new LogFile(key, delivered, HexFormat.of().formatHex(sha.digest()), oldest, newest);
  }

  /** One record; ECR kinds cycle so every category occurs. */
  private ObjectNode record(int index, Instant time, boolean otherService) {
    String repo = "prod/svc-" + String.format("%03d", index % 100);
    String digest =
        "sha256:"
            + HexFormat.of()
                .formatHex(sha256().digest(("image-" + index).getBytes(StandardCharsets.UTF_8)));
    ObjectNode r = JSON.createObjectNode();
    r.put("eventVersion", "1.08");
    ObjectNode identity = r.putObject("userIdentity");
    r.put("eventTime", time.truncatedTo(ChronoUnit.SECONDS).toString());
    r.put("eventSource", otherService ? "s3.amazonaws.com" : "ecr.amazonaws.com");
    r.put("awsRegion", region);
    r.put("sourceIPAddress", "203.0.113." + (index % 250 + 1));
    int kind = otherService ? -1 : index % 8;
    switch (kind) {
      case 0 -> {
        role(identity, "ci-push", "build-" + index);
        r.put("eventName", "PutImage");
        r.put("userAgent", "docker/24.0.7 go/go1.20.10");
        ObjectNode req = r.putObject("requestParameters");
        req.put("repositoryName", repo);
        req.put("imageTag", "v1." + index % 13);
        req.put("registryId", account);
        ObjectNode image = r.putObject("responseElements").putObject("image");
        image.put("registryId", account);
        image.put("repositoryName", repo);
        image.putObject("imageId").put("imageDigest", digest).put("imageTag", "v1." + index % 13);
        r.put("readOnly", false);
      }
      case 1, 2, 3, 7 -> {
        role(identity, "eks-node", "i-0" + Integer.toHexString(index));
        r.put("eventName", "BatchGetImage");
        r.put("userAgent", "containerd/1.7.11");
        ObjectNode req = r.putObject("requestParameters");
        req.put("registryId", account);
        req.put("repositoryName", repo);
        req.putArray("imageIds").addObject().put("imageDigest", digest);
        r.putNull("responseElements");
        r.put("readOnly", true);
      }
      case 4 -> {
        identity.put("type", "IAMUser");
        identity.put("arn", "arn:aws:iam::" + account + ":user/dev-" + index % 10);
        identity.put("accountId", account);
        identity.put("userName", "dev-" + index % 10);
        r.put("eventName", "BatchGetImage");
        r.put("userAgent", "aws-cli/2.15.0");
        r.put("errorCode", "AccessDenied");
        r.put("errorMessage", "not authorized to perform: ecr:BatchGetImage");
        r.putObject("requestParameters").put("repositoryName", repo);
        r.putNull("responseElements");
        r.put("readOnly", true);
      }
      case 5 -> {
        role(identity, "platform-admin", "admin-" + index);
        r.put("eventName", "PutImageTagMutability");
        r.put("userAgent", "terraform/1.6.6");
        r.putObject("requestParameters")
            .put("repositoryName", repo)
            .put("imageTagMutability", "IMMUTABLE");
        r.putObject("responseElements")
            .put("repositoryName", repo)
            .put("imageTagMutability", "IMMUTABLE");
        r.put("readOnly", false);
      }
      case 6 -> {
        identity.put("type", "AWSService");
        identity.put("invokedBy", "ecr.amazonaws.com");
        r.put("eventName", "GetAuthorizationToken");
        r.put("userAgent", "ecr.amazonaws.com");
        r.putNull("requestParameters");
        r.putNull("responseElements");
        r.put("readOnly", true);
      }
      default -> {
        role(identity, "app", "app-" + index);
        r.put("eventName", "GetBucketAcl");
        r.put("userAgent", "aws-sdk-java/2.20.0");
        r.putObject("requestParameters").put("bucketName", "logs-" + index % 3);
        r.putNull("responseElements");
        r.put("readOnly", true);
      }
    }
    r.put("requestID", new UUID(random.nextLong(), random.nextLong()).toString());
    r.put("eventID", new UUID(random.nextLong(), random.nextLong()).toString());
    r.put("eventType", "AwsApiCall");
    r.put("managementEvent", true);
    r.put("recipientAccountId", account);
    r.put("eventCategory", "Management");
    return r;
  }

  private void role(ObjectNode identity, String role, String session) {
    identity.put("type", "AssumedRole");
    identity.put("arn", "arn:aws:sts::" + account + ":assumed-role/" + role + "/" + session);
    identity.put("accountId", account);
    identity
        .putObject("sessionContext")
        .putObject("sessionIssuer")
        .put("type", "Role")
        .put("arn", "arn:aws:iam::" + account + ":role/" + role)
        .put("accountId", account)
        .put("userName", role);
  }

  /** One digest per hour from {@code from} to {@code to}, chained and signed. */
  void writeDigests(KeyPair key, List<LogFile> logs, Instant from, Instant to, String bucket)
      throws IOException, GeneralSecurityException {
    byte[] pkcs1 = pkcs1(key);
    String fingerprint = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(pkcs1));
    String previousKey = null;
    String previousSignature = null;
    byte[] previousContent = null;
    int next = 0;
    Path newest = null;
    String newestSignature = null;
    for (Instant hour = from.truncatedTo(ChronoUnit.HOURS);
        hour.isBefore(to);
        hour = hour.plus(Duration.ofHours(1))) {
      Instant end = hour.plus(Duration.ofHours(1));
      String digestKey =
          "AWSLogs/"
              + account
              + "/CloudTrail-Digest/"
              + region
              + "/"
              + DAY.format(end)
              + "/"
              + account
              + "_CloudTrail-Digest_"
              + region
              + "_management_"
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
      if (previousKey == null) {
        d.putNull("previousDigestS3Bucket");
        d.putNull("previousDigestS3Object");
        d.putNull("previousDigestHashValue");
        d.putNull("previousDigestHashAlgorithm");
        d.putNull("previousDigestSignature");
      } else {
        d.put("previousDigestS3Bucket", bucket);
        d.put("previousDigestS3Object", previousKey);
        d.put(
            "previousDigestHashValue", HexFormat.of().formatHex(sha256().digest(previousContent)));
        d.put("previousDigestHashAlgorithm", "SHA-256");
        d.put("previousDigestSignature", previousSignature);
      }
      ArrayNode files = d.putArray("logFiles");
      while (next < logs.size() && logs.get(next).delivered().isBefore(end)) {
        LogFile log = logs.get(next++);
        if (log.delivered().isBefore(hour)) {
          continue;
        }
        ObjectNode f = files.addObject();
        f.put("s3Bucket", bucket);
        f.put("s3Object", log.key());
        f.put("hashValue", log.sha256());
        f.put("hashAlgorithm", "SHA-256");
        f.put("newestEventTime", log.newest().toString());
        f.put("oldestEventTime", log.oldest().toString());
      }
      byte[] content = JSON.writeValueAsBytes(d);
      String toSign =
          end
              + "\n"
              + bucket
              + "/"
              + digestKey
              + "\n"
              + HexFormat.of().formatHex(sha256().digest(content))
              + "\n"
              + (previousSignature == null ? "null" : previousSignature);
      Signature s = Signature.getInstance("SHA256withRSA");
      s.initSign(key.getPrivate());
      s.update(toSign.getBytes(StandardCharsets.UTF_8));
      String signature = HexFormat.of().formatHex(s.sign());
      Path file = root.resolve(digestKey);
      Files.createDirectories(file.getParent());
      Files.write(file, gzip(content));
      previousKey = digestKey;
      previousSignature = signature;
      previousContent = content;
      newest = file;
      newestSignature = signature;
    }
    if (newest != null) {
      Files.writeString(
          newest.resolveSibling(newest.getFileName() + ".signature"), newestSignature);
    }
  }

  /** The key as {@code aws cloudtrail list-public-keys} prints it. */
  static byte[] publicKeyList(KeyPair key, Instant from)
      throws IOException, GeneralSecurityException {
    byte[] pkcs1 = pkcs1(key);
    ObjectNode list = JSON.createObjectNode();
    ObjectNode k = list.putArray("PublicKeyList").addObject();
    k.put("Value", Base64.getEncoder().encodeToString(pkcs1));
    k.put("ValidityStartTime", from.getEpochSecond());
    k.put("Fingerprint", HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(pkcs1)));
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(list);
  }

  private static byte[] pkcs1(KeyPair key) throws IOException {
    return SubjectPublicKeyInfo.getInstance(key.getPublic().getEncoded())
        .parsePublicKey()
        .getEncoded();
  }

  private static byte[] gzip(byte[] content) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(content);
    }
    return out.toByteArray();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
