package dev.countersign.report.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import dev.countersign.report.aws.IntegrityProblem.Kind;
import java.io.IOException;
import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Trail files and digests in an S3 bucket (S3Mock, in process): ListObjectsV2 pagination, GetObject
 * streaming, digest signatures from object metadata.
 */
class TrailFilesS3Test {
  private static final String BUCKET = "org-cloudtrail";
  private static final String PREFIX = "management/";
  private static final String ACCOUNT = "210987654321";
  private static final Instant T0 = Instant.parse("2026-04-10T22:00:00Z");
  private static final TimeWindow WINDOW = TimeWindow.of(T0, T0.plus(Duration.ofHours(4)));

  @RegisterExtension
  static final S3MockExtension S3_MOCK =
      S3MockExtension.builder().silent().withInitialBuckets(BUCKET).build();

  private static S3Client s3;
  private static KeyPair key;
  private static final List<SyntheticTrail.Generated> generated = new ArrayList<>();
  private static List<SyntheticTrail.WrittenLog> logs;
  private static List<SyntheticTrail.WrittenDigest> digests;

  @BeforeAll
  static void trail() throws Exception {
    s3 =
        S3Client.builder()
            .endpointOverride(URI.create("http://127.0.0.1:" + S3_MOCK.getHttpPort()))
            .forcePathStyle(true)
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .build();
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    key = g.generateKeyPair();
    SyntheticTrail trail = new SyntheticTrail(ACCOUNT, "us-gov-east-1", 21);
    SyntheticTrail.Target bucket =
        (k, content, metadata) ->
            s3.putObject(
                b -> b.bucket(BUCKET).key(k).metadata(metadata), RequestBody.fromBytes(content));
    // 4 hours across midnight: two day folders; ~2,400 records in 49 files
    logs =
        trail.writeLogFiles(
            bucket, PREFIX, T0, Duration.ofSeconds(6), 2400, 60, 40, generated::add);
    digests =
        trail.writeDigests(
            bucket, BUCKET, PREFIX, "org-trail", key, logs, T0, T0.plus(Duration.ofHours(5)));
  }

  @AfterAll
  static void close() {
    s3.close();
  }

  @Test
  void readsTheBucketAsTheFolderIsRead() throws IOException {
    List<CloudTrailEvent> events = new ArrayList<>();
    EventReadReport report =
        TrailFiles.in(TrailLocation.s3(s3, BUCKET, "management"))
            .read(WINDOW, events::add, Progress.NONE);
    assertThat(report.problems()).isEmpty();
    assertThat(report.complete()).isTrue();
    SourceCount s = report.sources().get(0);
    assertThat(s.source()).isEqualTo("s3://" + BUCKET + "/" + PREFIX);
    assertThat(s.units()).isEqualTo(logs.size());
    assertThat(s.balanced()).isTrue();
    Map<EventCategory, Long> expected =
        SyntheticTrail.categories(generated, g -> WINDOW.contains(g.time()));
    assertThat(report.kept()).isEqualTo(expected);
    assertThat(events).hasSize((int) report.keptTotal());
    long ecrDuplicates =
        generated.stream()
            .filter(g -> generated.indexOf(g) % 40 == 0 && g.kind().category != null)
            .count();
    assertThat(s.duplicates()).isEqualTo(ecrDuplicates);
    assertThat(events.stream().map(CloudTrailEvent::eventId).distinct().count())
        .isEqualTo(events.size());
  }

  @Test
  void validatesDigestsWithSignaturesFromObjectMetadata() throws IOException {
    DigestPublicKeys keys = keys();
    IntegrityReport r =
        DigestChainValidator.using(keys)
            .deliveryLag(Duration.ZERO)
            .validate(TrailLocation.s3(s3, BUCKET, "management"), WINDOW, Progress.NONE);
    assertThat(r.problems()).isEmpty();
    assertThat(r.intact()).isTrue();
    assertThat(r.digestFiles()).isEqualTo(digests.size());
    assertThat(r.logFilesValid()).isEqualTo(logs.size());
  }

  @Test
  void reportsACopiedTrailAndAMissingBucketAsData() throws IOException {
    // a separate prefix holding a copy, so the other tests keep the intact trail
    String copy = "tampered/";
    for (var d : digests) {
      copyObject(d.key(), copy + d.key().substring(PREFIX.length()));
    }
    for (var l : logs) {
      copyObject(l.key(), copy + l.key().substring(PREFIX.length()));
    }
    IntegrityReport r =
        DigestChainValidator.using(keys())
            .deliveryLag(Duration.ZERO)
            .validate(TrailLocation.s3(s3, BUCKET, "tampered"), WINDOW, Progress.NONE);
    // the digests name their original keys: a copied trail is a moved trail
    assertThat(r.problems(Kind.DIGEST_MOVED)).hasSize(digests.size());
    assertThat(r.intact()).isFalse();

    EventReadReport missing =
        TrailFiles.in(TrailLocation.s3(s3, "no-such-bucket", ""))
            .read(WINDOW, e -> {}, Progress.NONE);
    assertThat(missing.complete()).isFalse();
    assertThat(missing.problems())
        .extracting(CollectionProblem::reason)
        .containsExactly(AwsReason.NOT_FOUND);
  }

  @Test
  void aModifiedLogObjectIsReported() throws IOException {
    SyntheticTrail.WrittenLog victim = logs.get(7);
    byte[] original = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(victim.key())).asByteArray();
    try {
      s3.putObject(
          b -> b.bucket(BUCKET).key(victim.key()),
          RequestBody.fromBytes(
              SyntheticTrail.gzip(
                  "{\"Records\":[]}".getBytes(java.nio.charset.StandardCharsets.UTF_8))));
      IntegrityReport r =
          DigestChainValidator.using(keys())
              .deliveryLag(Duration.ZERO)
              .validate(TrailLocation.s3(s3, BUCKET, "management"), WINDOW, Progress.NONE);
      assertThat(r.problems())
          .extracting(IntegrityProblem::kind)
          .containsExactly(Kind.LOG_FILE_MODIFIED);
      assertThat(r.problems().get(0).file()).isEqualTo("s3://" + BUCKET + "/" + victim.key());
    } finally {
      s3.putObject(b -> b.bucket(BUCKET).key(victim.key()), RequestBody.fromBytes(original));
    }
  }

  private static void copyObject(String from, String to) {
    var object = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(from));
    Map<String, String> metadata = object.response().metadata();
    s3.putObject(
        b -> b.bucket(BUCKET).key(to).metadata(metadata),
        RequestBody.fromBytes(object.asByteArray()));
  }

  private static DigestPublicKeys keys() throws IOException {
    java.nio.file.Path pem = java.nio.file.Files.createTempFile("cloudtrail-key", ".pem");
    java.nio.file.Files.writeString(
        pem,
        "-----BEGIN PUBLIC KEY-----\n"
            + java.util.Base64.getMimeEncoder().encodeToString(key.getPublic().getEncoded())
            + "\n-----END PUBLIC KEY-----\n");
    DigestPublicKeys keys = DigestPublicKeys.fromPath(pem);
    Optional<DigestPublicKeys.Key> k =
        keys.find(SyntheticTrail.fingerprint((RSAPublicKey) key.getPublic()));
    assertThat(k).isPresent();
    return keys;
  }
}
