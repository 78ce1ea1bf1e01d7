package dev.countersign.verify.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.verify.Artifact;
import dev.countersign.verify.VerificationRequest;
import dev.countersign.verify.Verifier;
import dev.countersign.verify.policy.Authority;
import dev.countersign.verify.policy.CertificateIdentity;
import dev.countersign.verify.policy.StringMatcher;
import dev.countersign.verify.verdict.Outcome;
import dev.countersign.verify.verdict.ReasonCode;
import dev.countersign.verify.verdict.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every artifact of {@code maven-central-bundles.tsv}: its bundle, resolved through Maven as a
 * {@code <ext>.sigstore.json} artifact, verifies with the recorded identity; and is rejected with
 * the right reason under another project's identity, with another file's bundle, after a one-byte
 * change, and against the staging root.
 */
class MavenCentralBundlesTest {
  private static List<Row> rows;
  private static Path files;
  private static Verifier publicGood;
  private static Verifier staging;

  /** One TSV row. */
  record Row(
      String san,
      String issuer,
      String groupId,
      String artifactId,
      String version,
      String file,
      String sha256) {
    MavenResolver.Coordinates artifact() {
      String base = artifactId + "-" + version;
      String rest = file.substring(base.length());
      String classifier = "";
      if (rest.startsWith("-")) {
        classifier = rest.substring(1, rest.indexOf('.'));
        rest = rest.substring(rest.indexOf('.'));
      }
      return new MavenResolver.Coordinates(
          groupId, artifactId, version, rest.substring(1), classifier);
    }

    MavenResolver.Coordinates bundle() {
      MavenResolver.Coordinates a = artifact();
      return new MavenResolver.Coordinates(
          groupId, artifactId, version, a.type() + ".sigstore.json", a.classifier());
    }
  }

  @BeforeAll
  static void resolveThroughMaven() throws Exception {
    Path tsv = Corpus.require().resolve("maven-central-bundles.tsv");
    List<String> h = Corpus.header(tsv);
    rows = new ArrayList<>();
    for (List<String> r : Corpus.tsv(tsv)) {
      rows.add(
          new Row(
              r.get(h.indexOf("san")),
              r.get(h.indexOf("issuer")),
              r.get(h.indexOf("group_id")),
              r.get(h.indexOf("artifact_id")),
              r.get(h.indexOf("version")),
              r.get(h.indexOf("file")),
              r.get(h.indexOf("artifact_sha256"))));
    }
    List<MavenResolver.Coordinates> coords = new ArrayList<>();
    for (Row r : rows) {
      coords.add(r.artifact());
      coords.add(r.bundle());
    }
    Path dir = Paths.get("target", "maven-central-bundles").toAbsolutePath();
    MavenResolver.resolve(coords.stream().distinct().toList(), dir);
    files = dir.resolve("files");
    publicGood = Verifier.builder().trustRoot(TestTrustRoots.publicGood()).build();
    staging = Verifier.builder().trustRoot(TestTrustRoots.staging()).build();
  }

  @TestFactory
  Stream<DynamicContainer> everyMavenCentralBundle() {
    List<DynamicContainer> out = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      Row row = rows.get(i);
      Row other = otherFile(i);
      out.add(
          DynamicContainer.dynamicContainer(
              row.file(),
              List.of(
                  DynamicTest.dynamicTest(
                      "verifies with the recorded identity",
                      () -> {
                        assertThat(sha256(artifact(row))).isEqualTo(row.sha256());
                        Verdict v =
                            publicGood.verify(
                                request(
                                    bundle(row),
                                    Artifact.ofFile(artifact(row)),
                                    identity(row.san(), row.issuer())));
                        assertThat(v.outcome()).as(v.summary()).isEqualTo(Outcome.PASS);
                      }),
                  DynamicTest.dynamicTest(
                      "rejected under another project's identity",
                      () -> {
                        Verdict v =
                            publicGood.verify(
                                request(
                                    bundle(row),
                                    Artifact.ofFile(artifact(row)),
                                    identity(otherProjectSan(row), row.issuer())));
                        assertThat(v.outcome()).as(v.summary()).isEqualTo(Outcome.FAIL);
                        assertThat(v.reason())
                            .as(v.summary())
                            .isEqualTo(ReasonCode.IDENTITY_MISMATCH);
                      }),
                  DynamicTest.dynamicTest(
                      "rejected with another file's bundle",
                      () -> {
                        Verdict v =
                            publicGood.verify(
                                request(
                                    bundle(other),
                                    Artifact.ofFile(artifact(row)),
                                    identity(other.san(), other.issuer())));
                        assertThat(v.outcome()).as(v.summary()).isEqualTo(Outcome.FAIL);
                        assertThat(v.reason())
                            .as(v.summary())
                            .isEqualTo(ReasonCode.ARTIFACT_DIGEST_MISMATCH);
                      }),
                  DynamicTest.dynamicTest(
                      "rejected after a one-byte change",
                      () -> {
                        byte[] changed = Files.readAllBytes(artifact(row));
                        changed[changed.length / 2] ^= 0x01;
                        Verdict v =
                            publicGood.verify(
                                request(
                                    bundle(row),
                                    Artifact.ofBytes(changed),
                                    identity(row.san(), row.issuer())));
                        assertThat(v.outcome()).as(v.summary()).isEqualTo(Outcome.FAIL);
                        assertThat(v.reason())
                            .as(v.summary())
                            .isEqualTo(ReasonCode.ARTIFACT_DIGEST_MISMATCH);
                      }),
                  DynamicTest.dynamicTest(
                      "rejected against the staging root",
                      () -> {
                        Verdict v =
                            staging.verify(
                                request(
                                    bundle(row),
                                    Artifact.ofFile(artifact(row)),
                                    identity(row.san(), row.issuer())));
                        assertThat(v.outcome()).as(v.summary()).isEqualTo(Outcome.FAIL);
                        assertThat(v.reason())
                            .as(v.summary())
                            .isEqualTo(ReasonCode.CERT_CHAIN_INVALID);
                      }))));
    }
    return out.stream();
  }

  private static VerificationRequest.Bundle request(Path bundle, Artifact artifact, Authority a)
      throws Exception {
    return VerificationRequest.bundle(Files.readAllBytes(bundle), artifact, a);
  }

  private static Authority identity(String san, String issuer) {
    return Authority.keyless(
        CertificateIdentity.of(StringMatcher.exact(san), StringMatcher.exact(issuer)));
  }

  private static Path artifact(Row r) {
    return files.resolve(r.artifact().fileName());
  }

  private static Path bundle(Row r) {
    return files.resolve(r.artifact().fileName() + ".sigstore.json");
  }

  /** A row for a different file (and so a different digest). */
  private static Row otherFile(int i) {
    for (int k = 1; k < rows.size(); k++) {
      Row o = rows.get((i + k) % rows.size());
      if (!o.sha256().equals(rows.get(i).sha256())) {
        return o;
      }
    }
    throw new IllegalStateException("the corpus has a single artifact digest");
  }

  /** A SAN of another project in the corpus, or this SAN moved to another repository. */
  private static String otherProjectSan(Row r) {
    String project = projectOf(r.san());
    for (Row o : rows) {
      if (!projectOf(o.san()).equals(project)) {
        return o.san();
      }
    }
    return r.san().replace(project, project + "-fork");
  }

  private static String projectOf(String san) {
    String[] parts = san.split("/");
    return parts.length > 4 ? parts[3] + "/" + parts[4] : san;
  }

  private static String sha256(Path p) throws Exception {
    return java.util.HexFormat.of()
        .formatHex(
            java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
  }
}
