package dev.countersign.admission.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code deploy/gen-self-signed.sh} run with the local openssl. */
class GenSelfSignedScriptTest {
  @TempDir Path out;

  @Test
  void makesACertificateForTheServiceSignedByTheCaItPrints() throws Exception {
    SelfSignedTls tls = SelfSignedTls.generate(out);

    X509Certificate ca = Certificates.parse(tls.file("ca.crt"));
    X509Certificate serving = Certificates.parse(tls.file("tls.crt"));
    assertThat(tls.caBundle()).as("standard output is one base64 line").doesNotContain("\n");
    assertThat(Certificates.decodeBase64(tls.caBundle())).isEqualTo(tls.file("ca.crt"));
    assertThat(Certificates.dnsNames(serving))
        .containsExactlyInAnyOrder(
            "countersign-webhook",
            "countersign-webhook.countersign-system",
            "countersign-webhook.countersign-system.svc",
            "countersign-webhook.countersign-system.svc.cluster.local");
    assertThat(Certificates.issuedBy(serving, ca)).isTrue();
    assertThat(ca.getBasicConstraints()).as("the CA may sign").isGreaterThanOrEqualTo(0);
    assertThat(serving.getBasicConstraints()).as("the serving certificate may not").isEqualTo(-1);
    assertThat(serving.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1"); // serverAuth
    assertThat(Duration.between(Instant.now(), serving.getNotAfter().toInstant()))
        .isBetween(Duration.ofDays(364), Duration.ofDays(366));

    // The key is the certificate's: what it signs, the certificate's public key verifies.
    PrivateKey key = Certificates.privateKey(tls.file("tls.key"), "EC");
    byte[] message = "countersign".getBytes(StandardCharsets.UTF_8);
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(key);
    signer.update(message);
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(serving.getPublicKey());
    verifier.update(message);
    assertThat(verifier.verify(signature)).isTrue();
  }

  @Test
  void writesATlsSecretThatFabric8Reads() {
    SelfSignedTls tls =
        SelfSignedTls.generate(
            out, "--service", "cw", "--namespace", "security", "--secret-name", "cw-tls");

    Installation parsed = Installation.parse(tls.file("secret.yaml"));

    Secret secret = parsed.one(Secret.class);
    assertThat(secret.getType()).isEqualTo("kubernetes.io/tls");
    assertThat(secret.getMetadata().getName()).isEqualTo("cw-tls");
    assertThat(secret.getMetadata().getNamespace()).isEqualTo("security");
    assertThat(secret.getData()).containsOnlyKeys("tls.crt", "tls.key", "ca.crt");
    for (String file : List.of("tls.crt", "tls.key", "ca.crt")) {
      assertThat(Certificates.decodeBase64(secret.getData().get(file))).isEqualTo(tls.file(file));
    }
    X509Certificate serving =
        Certificates.parse(Certificates.decodeBase64(secret.getData().get("tls.crt")));
    assertThat(Certificates.dnsNames(serving)).contains("cw.security.svc");
    assertThat(serving.getSubjectX500Principal().getName()).isEqualTo("CN=cw.security.svc");
    InstallationChecks.noUnknownFields(parsed);
  }

  @Test
  void privateKeyAndSecretAreReadableByTheOwnerOnly() throws IOException {
    SelfSignedTls.generate(out);

    for (String file : List.of("tls.key", "secret.yaml")) {
      assertThat(Files.getPosixFilePermissions(out.resolve(file)))
          .as(file)
          .containsExactlyInAnyOrder(
              PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }
    // The CA key is never written: nothing else can be signed with this CA.
    try (var files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("tls.crt", "tls.key", "ca.crt", "secret.yaml");
    }
  }

  @Test
  void eachRunIsANewCa() {
    SelfSignedTls first = SelfSignedTls.generate(out.resolve("a"));
    SelfSignedTls second = SelfSignedTls.generate(out.resolve("b"));

    X509Certificate firstCa = Certificates.parse(first.file("ca.crt"));
    assertThat(second.caBundle()).isNotEqualTo(first.caBundle());
    assertThat(Certificates.issuedBy(Certificates.parse(second.file("tls.crt")), firstCa))
        .isFalse();
  }

  @Test
  void rejectsNamesThatCannotBeAServiceAndWritesNothing() throws IOException {
    for (List<String> args :
        List.of(
            List.of("--service", "Webhook_1"),
            List.of("--namespace", "-bad"),
            List.of("--days", "0"),
            List.of("--days", "ten"),
            List.of("--unknown"),
            List.of("--service"))) {
      Path dir = out.resolve("run" + Math.abs(args.hashCode()));

      SelfSignedTls r = SelfSignedTls.run(dir, args.toArray(String[]::new));

      assertThat(r.exitCode()).as("exit code for %s", args).isEqualTo(2);
      assertThat(r.stderr()).as("message for %s", args).contains("gen-self-signed.sh:");
      assertThat(r.stdout()).as("no caBundle for %s", args).isEmpty();
      assertThat(Files.exists(dir.resolve("tls.key"))).as("no key for %s", args).isFalse();
    }
  }
}
