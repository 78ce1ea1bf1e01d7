package dev.countersign.testkit.oci;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.testkit.TestSigstore;
import dev.countersign.testkit.encoding.Json;
import dev.countersign.testkit.oci.cosign.CosignManifests;
import dev.countersign.testkit.oci.cosign.CosignSigner;
import dev.countersign.testkit.oci.cosign.CosignStatements;
import dev.countersign.testkit.oci.referrers.BundleReferrers;
import dev.countersign.testkit.oci.registry.ReferrersProxy;
import dev.countersign.testkit.oci.registry.RegistryAuth;
import dev.countersign.testkit.oci.registry.RegistryClient;
import dev.countersign.testkit.oci.registry.RegistryProcess;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The referrers proxy answers the OCI 1.1 referrers API that distribution 2.8 lacks. */
class ReferrersProxyTest {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  private static final Instant T1 = Instant.parse("2025-06-01T12:00:00Z");
  private static final String ID =
      "https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main";
  private static final String ISSUER = "https://token.actions.githubusercontent.com";

  @Test
  void listsReferrersPushedThroughIt() throws Exception {
    TestSigstore sigstore = TestSigstore.create(T0);
    try (RegistryProcess registry = RegistryProcess.start();
        ReferrersProxy proxy = ReferrersProxy.start(registry.baseUri())) {
      Image image = RandomImages.create().image(Platform.LINUX_AMD64);
      String reference = proxy.hostPort() + "/acme/app";
      CosignSigner signer = CosignSigner.keyless(sigstore, sigstore.uriIdentity(ID, ISSUER));
      OciContent content =
          image
              .content("v1")
              .plus(
                  BundleReferrers.of(
                      sigstore
                          .keyless(ID, ISSUER)
                          .attest(
                              CosignStatements.forImageV1(
                                  reference,
                                  image.digest(),
                                  Predicates.SLSA_PROVENANCE_V1,
                                  Predicates.slsaProvenanceV02(
                                      ID,
                                      "git+https://github.com/acme/app",
                                      "0123456789abcdef0123456789abcdef01234567")),
                              T1),
                      image.descriptor(),
                      T1,
                      BundleReferrers.Publisher.COSIGN))
              .plus(
                  CosignManifests.signaturesReferrer(
                      image.descriptor(), List.of(signer.sign(reference, image.digest(), T1))))
              .plus(
                  CosignManifests.attestationsReferrer(
                      image.descriptor(),
                      List.of(
                          signer.attest(
                              CosignStatements.forImage(
                                  reference,
                                  image.digest(),
                                  Predicates.COSIGN_VULN,
                                  Predicates.cosignVuln(
                                      "https://scanner.countersign.test",
                                      List.of("CVE-2024-0001"))),
                              T1))));
      RegistryClient.anonymous(proxy.baseUri()).push("acme/app", content);

      HttpResponse<byte[]> all =
          PlainHttp.get(proxy.baseUri(), "/v2/acme/app/referrers/" + image.digest(), null);
      assertThat(all.statusCode()).isEqualTo(200);
      assertThat(all.headers().firstValue("Content-Type")).hasValue(MediaTypes.OCI_INDEX);
      JsonNode index = Json.parse(all.body());
      assertThat(index.path("manifests"))
          .extracting(m -> m.path("artifactType").asText())
          .containsExactly(
              MediaTypes.SIGSTORE_BUNDLE_V03,
              MediaTypes.COSIGN_SIGNATURE_ARTIFACT,
              MediaTypes.COSIGN_ATTESTATION_ARTIFACT);
      assertThat(index.at("/manifests/0/annotations/dev.sigstore.bundle.content").asText())
          .isEqualTo("dsse-envelope");

      HttpResponse<byte[]> filtered =
          PlainHttp.get(
              proxy.baseUri(),
              "/v2/acme/app/referrers/"
                  + image.digest()
                  + "?artifactType="
                  + URLEncoder.encode(MediaTypes.COSIGN_SIGNATURE_ARTIFACT, StandardCharsets.UTF_8),
              null);
      assertThat(filtered.headers().firstValue("OCI-Filters-Applied")).hasValue("artifactType");
      assertThat(Json.parse(filtered.body()).path("manifests")).hasSize(1);
      assertThat(proxy.referrers("acme/app", image.digest())).hasSize(3);

      // The registry itself still has no such API; the proxy forwarded everything else.
      assertThat(
              PlainHttp.get(registry.baseUri(), "/v2/acme/app/referrers/" + image.digest(), null)
                  .statusCode())
          .isEqualTo(404);
      HttpResponse<byte[]> head = PlainHttp.manifest(proxy.baseUri(), "acme/app", "v1");
      assertThat(head.body()).isEqualTo(image.manifest().content().toByteArray());
      assertThat(
              RegistryClient.anonymous(proxy.baseUri())
                  .headManifest("acme/app", "v1")
                  .header("Content-Length"))
          .hasValue(Integer.toString(image.manifest().content().length()));
    }
  }

  @Test
  void listingNeedsTheSameAccessAsTheSubject() throws Exception {
    Map<String, String> users = Map.of("alice", "secret");
    try (RegistryProcess registry = RegistryProcess.start(RegistryAuth.token(users));
        ReferrersProxy proxy = ReferrersProxy.start(registry.baseUri())) {
      Image image = RandomImages.create().image(Platform.LINUX_AMD64);
      RegistryClient alice = RegistryClient.withCredentials(proxy.baseUri(), "alice", "secret");
      alice.push("team/app", image.content("v1"));
      assertThat(
              PlainHttp.get(proxy.baseUri(), "/v2/team/app/referrers/" + image.digest(), null)
                  .statusCode())
          .isEqualTo(401);
      assertThat(alice.referrers("team/app", image.digest()).status()).isEqualTo(200);
    }
  }
}
