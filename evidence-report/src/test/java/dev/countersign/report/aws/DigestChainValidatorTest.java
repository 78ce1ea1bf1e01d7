package dev.countersign.report.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.report.aws.IntegrityProblem.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Log file integrity validation on a trail copy whose digests are signed the way CloudTrail signs
 * them, with a key pair made for the test; each kind of tampering is made and must be reported with
 * its kind and file.
 */
class DigestChainValidatorTest {
  private static final String ACCOUNT = "123456789012";
  private static final String BUCKET = "org-cloudtrail-logs";
  private static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");
  private static final TimeWindow WINDOW = TimeWindow.of(T0, T0.plus(Duration.ofHours(5)));

  private static KeyPair cloudTrailKey;
  private static KeyPair otherKey;

  @TempDir Path dir;
  private Path trail;
  private List<SyntheticTrail.WrittenLog> logs;
  private List<SyntheticTrail.WrittenDigest> digests;
  private DigestPublicKeys keys;

  @BeforeAll
  static void keys() throws NoSuchAlgorithmException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    cloudTrailKey = g.generateKeyPair();
    otherKey = g.generateKeyPair();
  }

  @BeforeEach
  void trail() throws IOException {
    trail = dir.resolve("bucket");
    SyntheticTrail synthetic = new SyntheticTrail(ACCOUNT, "us-gov-west-1", 11);
    // events every 20 s for 5 hours; digests for every hour up to the last delivery
    logs =
        synthetic.writeLogFiles(
            SyntheticTrail.folder(trail), "", T0, Duration.ofSeconds(20), 900, 1000, 0, g -> {});
    digests =
        synthetic.writeDigests(
            SyntheticTrail.folder(trail),
            BUCKET,
            "",
            "management-events",
            cloudTrailKey,
            logs,
            T0,
            T0.plus(Duration.ofHours(6)));
    Path keyFile = dir.resolve("list-public-keys.json");
    Files.writeString(
        keyFile,
        "{\"PublicKeyList\":[{\"ValidityStartTime\":1767225600.0,\"ValidityEndTime\":1798761600.0,"
            + "\"Value\":\""
            + Base64.getEncoder()
                .encodeToString(SyntheticTrail.pkcs1((RSAPublicKey) cloudTrailKey.getPublic()))
            + "\",\"Fingerprint\":\""
            + SyntheticTrail.fingerprint((RSAPublicKey) cloudTrailKey.getPublic())
            + "\"}]}");
    keys = DigestPublicKeys.fromPath(keyFile);
  }

  private IntegrityReport validate() {
    return DigestChainValidator.using(keys)
        .deliveryLag(Duration.ZERO)
        .validate(TrailLocation.localFolder(trail), WINDOW, Progress.NONE);
  }

  @Test
  void anIntactChainIsIntact() {
    IntegrityReport r = validate();
    assertThat(r.problems()).isEmpty();
    assertThat(r.intact()).isTrue();
    assertThat(r.digestFiles()).isEqualTo(6);
    assertThat(r.digestsValid()).isEqualTo(6);
    assertThat(r.logFilesListed()).isEqualTo(logs.size());
    assertThat(r.logFilesValid()).isEqualTo(logs.size());
    assertThat(r.logFilesInWindow()).isPositive();
  }

  @Test
  void olderDigestsNeedNoSignatureFileWhenTheirSuccessorVouchesForThem() throws IOException {
    for (int i = 0; i < digests.size() - 1; i++) {
      Files.delete(sidecar(digests.get(i)));
    }
    IntegrityReport r = validate();
    assertThat(r.problems()).isEmpty();
    assertThat(r.intact()).isTrue();

    // without the newest signature nothing vouches for the others either
    Files.delete(sidecar(digests.get(digests.size() - 1)));
    IntegrityReport unsigned = validate();
    assertThat(unsigned.intact()).isFalse();
    assertThat(unsigned.digestsValid()).isZero();
    assertThat(unsigned.problems(Kind.DIGEST_SIGNATURE_MISSING))
        .extracting(IntegrityProblem::file)
        .hasSize(digests.size())
        .contains(path(digests.get(digests.size() - 1).key()));
  }

  @Test
  void aModifiedLogFileIsReported() throws IOException {
    SyntheticTrail.WrittenLog victim = logs.get(10);
    Path p = trail.resolve(victim.key());
    String json = new String(gunzip(Files.readAllBytes(p)), StandardCharsets.UTF_8);
    Files.write(
        p,
        SyntheticTrail.gzip(
            json.replace("AccessDenied", "Success!").getBytes(StandardCharsets.UTF_8)));
    IntegrityReport r = validate();
    assertThat(r.intact()).isFalse();
    assertThat(r.problems())
        .extracting(IntegrityProblem::kind)
        .containsExactly(Kind.LOG_FILE_MODIFIED);
    assertThat(r.problems().get(0).file()).isEqualTo(p.toString());
  }

  @Test
  void aDeletedLogFileIsReported() throws IOException {
    Path p = trail.resolve(logs.get(20).key());
    Files.delete(p);
    IntegrityReport r = validate();
    assertThat(r.problems())
        .extracting(IntegrityProblem::kind)
        .containsExactly(Kind.LOG_FILE_MISSING);
    assertThat(r.problems().get(0).file()).isEqualTo(p.toString());
  }

  @Test
  void anAddedLogFileIsReported() throws IOException {
    SyntheticTrail.WrittenLog model = logs.get(30);
    String key = model.key().replaceAll("_[a-z0-9]+\\.json\\.gz$", "_injected0.json.gz");
    Files.write(trail.resolve(key), Files.readAllBytes(trail.resolve(model.key())));
    IntegrityReport r = validate();
    assertThat(r.problems())
        .extracting(IntegrityProblem::kind)
        .containsExactly(Kind.LOG_FILE_NOT_IN_DIGEST);
    assertThat(r.problems().get(0).file()).isEqualTo(path(key));
  }

  @Test
  void aModifiedDigestFileIsReported() throws IOException {
    SyntheticTrail.WrittenDigest victim = digests.get(2);
    ObjectNode d = SyntheticTrail.parse(victim.content());
    ((ObjectNode) d.withArray("logFiles").get(0)).put("hashValue", "00".repeat(32));
    Files.write(
        trail.resolve(victim.key()),
        SyntheticTrail.gzip(
            new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(d)));
    IntegrityReport r = validate();
    assertThat(r.intact()).isFalse();
    assertThat(r.problems(Kind.DIGEST_SIGNATURE_INVALID))
        .extracting(IntegrityProblem::file)
        .containsExactly(path(victim.key()));
    // its log files are then listed by no valid digest
    assertThat(r.problems(Kind.LOG_FILE_NOT_IN_DIGEST)).isNotEmpty();
    assertThat(r.problems())
        .extracting(IntegrityProblem::kind)
        .containsOnly(Kind.DIGEST_SIGNATURE_INVALID, Kind.LOG_FILE_NOT_IN_DIGEST);
  }

  @Test
  void aBrokenPreviousSignatureLinkIsReported() throws IOException {
    // digest 4 is re-signed (as if by CloudTrail) with a previous signature that is not digest 3's
    SyntheticTrail.WrittenDigest successor = digests.get(4);
    ObjectNode d = SyntheticTrail.parse(successor.content());
    d.put("previousDigestSignature", "ab".repeat(256));
    SyntheticTrail.WrittenDigest resigned =
        SyntheticTrail.writeDigest(
            SyntheticTrail.folder(trail), successor.key(), d, cloudTrailKey.getPrivate());
    relink(5, resigned);
    IntegrityReport r = validate();
    assertThat(r.problems()).extracting(IntegrityProblem::kind).containsExactly(Kind.CHAIN_BROKEN);
    assertThat(r.problems().get(0).file()).isEqualTo(path(digests.get(3).key()));

    // the same without signature files beside the older digests: the vouched signature fails
    for (int i = 0; i < digests.size() - 1; i++) {
      Files.deleteIfExists(sidecar(digests.get(i)));
    }
    Files.deleteIfExists(sidecar(digests.get(3)));
    IntegrityReport local = validate();
    assertThat(local.problems(Kind.CHAIN_BROKEN))
        .extracting(IntegrityProblem::file)
        .containsExactly(path(digests.get(3).key()));
  }

  @Test
  void aMissingDigestFileIsReported() throws IOException {
    SyntheticTrail.WrittenDigest victim = digests.get(2);
    Files.delete(trail.resolve(victim.key()));
    Files.delete(sidecar(victim));
    IntegrityReport r = validate();
    assertThat(r.problems(Kind.DIGEST_MISSING))
        .extracting(IntegrityProblem::file)
        .containsExactly(path(victim.key()));
    // the log files only it listed are unverified now
    assertThat(r.problems(Kind.LOG_FILE_NOT_IN_DIGEST)).isNotEmpty();
  }

  @Test
  void aDigestSignedWithAnotherKeyOrAnUnknownKeyIsNotValid() throws IOException {
    SyntheticTrail.WrittenDigest victim = digests.get(5);
    ObjectNode d = SyntheticTrail.parse(victim.content());
    SyntheticTrail.writeDigest(
        SyntheticTrail.folder(trail), victim.key(), d, otherKey.getPrivate());
    IntegrityReport r = validate();
    assertThat(r.problems(Kind.DIGEST_SIGNATURE_INVALID))
        .extracting(IntegrityProblem::file)
        .containsExactly(path(victim.key()));

    d.put(
        "digestPublicKeyFingerprint",
        SyntheticTrail.fingerprint((RSAPublicKey) otherKey.getPublic()));
    SyntheticTrail.writeDigest(
        SyntheticTrail.folder(trail), victim.key(), d, otherKey.getPrivate());
    assertThat(validate().problems(Kind.PUBLIC_KEY_UNKNOWN))
        .extracting(IntegrityProblem::file)
        .containsExactly(path(victim.key()));
  }

  @Test
  void aDigestCopiedToAnotherPlaceIsMoved() throws IOException {
    SyntheticTrail.WrittenDigest a = digests.get(1);
    SyntheticTrail.WrittenDigest b = digests.get(2);
    // b's content under a's name: validly signed, but for another location
    Files.copy(
        trail.resolve(b.key()),
        trail.resolve(a.key()),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.copy(sidecar(b), sidecar(a), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    IntegrityReport r = validate();
    assertThat(r.problems(Kind.DIGEST_MOVED))
        .extracting(IntegrityProblem::file)
        .containsExactly(path(a.key()));
  }

  @Test
  void noDigestFilesIsNeverIntact() throws IOException {
    for (SyntheticTrail.WrittenDigest d : digests) {
      Files.delete(trail.resolve(d.key()));
      Files.delete(sidecar(d));
    }
    IntegrityReport r = validate();
    assertThat(r.intact()).isFalse();
    assertThat(r.problems(Kind.NO_DIGEST_FILES)).hasSize(1);
    assertThat(r.problems(Kind.LOG_FILE_NOT_IN_DIGEST)).hasSize((int) r.logFilesInWindow());
  }

  @Test
  void aGapInTheChainIsReported() throws IOException {
    // digest 3 starts a new chain (as after validation was switched off and on again)
    SyntheticTrail.WrittenDigest victim = digests.get(3);
    ObjectNode d = SyntheticTrail.parse(victim.content());
    for (String f :
        List.of(
            "previousDigestS3Bucket",
            "previousDigestS3Object",
            "previousDigestHashValue",
            "previousDigestHashAlgorithm",
            "previousDigestSignature")) {
      d.putNull(f);
    }
    SyntheticTrail.writeDigest(
        SyntheticTrail.folder(trail), victim.key(), d, cloudTrailKey.getPrivate());
    // digest 4 still links to the original digest 3 signature: re-sign digest 4 with the new one
    SyntheticTrail.WrittenDigest newThree =
        new SyntheticTrail.WrittenDigest(
            victim.key(),
            Files.readString(sidecar(victim)),
            new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(d));
    ObjectNode four = SyntheticTrail.parse(digests.get(4).content());
    four.put("previousDigestSignature", newThree.signature());
    four.put(
        "previousDigestHashValue", SyntheticTrail.hex(SyntheticTrail.sha256(newThree.content())));
    SyntheticTrail.WrittenDigest newFour =
        SyntheticTrail.writeDigest(
            SyntheticTrail.folder(trail), digests.get(4).key(), four, cloudTrailKey.getPrivate());
    relink(5, newFour);

    IntegrityReport r = validate();
    assertThat(r.problems()).extracting(IntegrityProblem::kind).containsExactly(Kind.CHAIN_GAP);
    assertThat(r.problems().get(0).file()).isEqualTo(path(victim.key()));
  }

  /** Re-signs digest {@code i} linked to a re-signed predecessor, as CloudTrail would have. */
  private SyntheticTrail.WrittenDigest relink(int i, SyntheticTrail.WrittenDigest previous)
      throws IOException {
    ObjectNode d = SyntheticTrail.parse(digests.get(i).content());
    d.put("previousDigestSignature", previous.signature());
    d.put("previousDigestHashValue", SyntheticTrail.hex(SyntheticTrail.sha256(previous.content())));
    return SyntheticTrail.writeDigest(
        SyntheticTrail.folder(trail), digests.get(i).key(), d, cloudTrailKey.getPrivate());
  }

  private Path sidecar(SyntheticTrail.WrittenDigest d) {
    Path p = trail.resolve(d.key());
    return p.resolveSibling(p.getFileName() + ".signature");
  }

  private String path(String key) {
    return trail.resolve(key).toAbsolutePath().normalize().toString();
  }

  private static byte[] gunzip(byte[] gz) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
      return in.readAllBytes();
    }
  }
}
