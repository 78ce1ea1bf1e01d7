package dev.countersign.report.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** CloudTrail digest keys from files and from ListPublicKeys, fingerprints checked. */
class DigestPublicKeysTest {
  @TempDir Path dir;

  @Test
  void readsTheCliOutputAndChecksTheFingerprint() throws IOException {
    Path file = dir.resolve("keys.json");
    Files.write(file, fixture());
    DigestPublicKeys keys = DigestPublicKeys.fromPath(file);
    assertThat(keys.size()).isEqualTo(1);
    DigestPublicKeys.Key k = keys.find("7f3f401420072e50a65a141430817ab3").orElseThrow();
    assertThat(((RSAPublicKey) k.publicKey()).getModulus().bitLength()).isEqualTo(2048);
    assertThat(k.validFrom()).contains(Instant.ofEpochSecond(1453076702L));
    assertThat(k.validUntil()).contains(Instant.ofEpochSecond(1455668702L));

    Files.writeString(
        file,
        new String(fixture(), StandardCharsets.UTF_8)
            .replace("7f3f401420072e50a65a141430817ab3", "31e8b5433410dfb61a9dc45cc65b22ff"));
    AwsEvidenceException e =
        catchThrowableOfType(AwsEvidenceException.class, () -> DigestPublicKeys.fromPath(file));
    assertThat(e.reason()).isEqualTo(AwsReason.KEY_FILE_INVALID);
    assertThat(e.getMessage()).contains("claims fingerprint 31e8b5433410dfb61a9dc45cc65b22ff");
  }

  @Test
  void unreadableKeyFilesAreErrorsWithAReason() throws IOException {
    Path garbage = dir.resolve("garbage.json");
    Files.writeString(garbage, "{\"PublicKeyList\":[{\"Value\":\"bm90IGEga2V5\"}]}");
    assertThat(
            catchThrowableOfType(
                    AwsEvidenceException.class, () -> DigestPublicKeys.fromPath(garbage))
                .reason())
        .isEqualTo(AwsReason.KEY_FILE_INVALID);
    assertThat(
            catchThrowableOfType(
                    AwsEvidenceException.class,
                    () -> DigestPublicKeys.fromPath(dir.resolve("absent")))
                .reason())
        .isEqualTo(AwsReason.KEY_FILE_INVALID);
  }

  @Test
  void fetchesKeysWithListPublicKeysAndKeepsTheAnswer() throws IOException {
    WireMockServer cloudTrail =
        new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    cloudTrail.start();
    try {
      cloudTrail.stubFor(
          post(urlEqualTo("/"))
              .withHeader(
                  "X-Amz-Target",
                  equalTo("com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.ListPublicKeys"))
              .willReturn(
                  aResponse()
                      .withStatus(200)
                      .withHeader("Content-Type", "application/x-amz-json-1.1")
                      .withBody(fixture())));
      Path raw = dir.resolve("raw");
      DigestPublicKeys keys;
      try (EvidenceSink sink = EvidenceSink.directory(raw)) {
        keys =
            DigestPublicKeys.fetch(
                "us-east-1",
                URI.create(cloudTrail.baseUrl()),
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create("AKIDEXAMPLE", "secret")),
                TimeWindow.of(
                    Instant.parse("2016-01-20T00:00:00Z"), Instant.parse("2016-01-21T00:00:00Z")),
                sink,
                Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
      }
      assertThat(keys.find("7f3f401420072e50a65a141430817ab3")).isPresent();
      assertThat(Files.readAllBytes(raw.resolve("cloudtrail/list-public-keys/us-east-1.json")))
          .isEqualTo(fixture());
      String request = cloudTrail.getAllServeEvents().get(0).getRequest().getBodyAsString();
      assertThat(request).contains("\"StartTime\":1453248000");
    } finally {
      cloudTrail.stop();
    }
  }

  private static byte[] fixture() throws IOException {
    try (InputStream in =
        DigestPublicKeysTest.class.getResourceAsStream("/aws/cloudtrail/list-public-keys.json")) {
      return in.readAllBytes();
    }
  }
}
