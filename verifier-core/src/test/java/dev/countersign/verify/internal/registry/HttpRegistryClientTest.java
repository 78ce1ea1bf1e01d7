package dev.countersign.verify.internal.registry;

import static dev.countersign.verify.internal.registry.RegistryFixtures.REPO;
import static dev.countersign.verify.internal.registry.RegistryFixtures.descriptor;
import static dev.countersign.verify.internal.registry.RegistryFixtures.fast;
import static dev.countersign.verify.internal.registry.RegistryFixtures.imageManifest;
import static dev.countersign.verify.internal.registry.RegistryFixtures.index;
import static dev.countersign.verify.internal.registry.RegistryFixtures.ref;
import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.verify.Digest;
import dev.countersign.verify.oci.Descriptor;
import dev.countersign.verify.oci.FetchedManifest;
import dev.countersign.verify.oci.OciRegistry;
import dev.countersign.verify.oci.Platform;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpRegistryClientTest {
  private FakeRegistry registry;
  private Descriptor config;
  private Descriptor layer;
  private byte[] manifest;
  private Digest manifestDigest;

  @BeforeEach
  void start() throws Exception {
    registry = FakeRegistry.http();
    config =
        registry.putBlob(
            "{\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8),
            "application/vnd.oci.image.config.v1+json");
    layer =
        registry.putBlob(
            "layer bytes".getBytes(StandardCharsets.UTF_8),
            "application/vnd.oci.image.layer.v1.tar+gzip");
    manifest = imageManifest(config, Optional.empty(), Map.of(), layer);
    manifestDigest = registry.putManifest(REPO, "v1", manifest, MediaTypes.OCI_MANIFEST);
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void fetchesAManifestByTagAndComputesItsDigest() throws Exception {
    OciRegistry client = OciRegistry.http(fast(registry).build());
    FetchedManifest m = client.manifest(ref(registry, "v1"));
    assertThat(m.digest()).isEqualTo(manifestDigest);
    assertThat(m.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
    assertThat(m.bytes()).isEqualTo(manifest);
    FakeRegistry.Seen req = registry.registryRequests().get(0);
    assertThat(req.path()).isEqualTo("/v2/team/app/manifests/v1");
    assertThat(req.accept())
        .contains(
            MediaTypes.OCI_MANIFEST,
            MediaTypes.OCI_INDEX,
            MediaTypes.DOCKER_MANIFEST,
            MediaTypes.DOCKER_MANIFEST_LIST);
  }

  @Test
  void fetchesAManifestByDigestAndABlob() throws Exception {
    OciRegistry client = OciRegistry.http(fast(registry).build());
    FetchedManifest m = client.manifest(ref(registry, manifestDigest));
    assertThat(m.digest()).isEqualTo(manifestDigest);
    assertThat(client.blob(ref(registry, manifestDigest), layer))
        .isEqualTo("layer bytes".getBytes(StandardCharsets.UTF_8));
    assertThat(registry.registryRequests().get(1).path())
        .isEqualTo("/v2/team/app/blobs/" + layer.digest());
  }

  @Test
  void missingManifestIsEmptyOrNotFound() throws Exception {
    OciRegistry client = OciRegistry.http(fast(registry).build());
    assertThat(client.manifestIfPresent(ref(registry, "nope"))).isEmpty();
    RegistryFixtures.failsWithin(
        java.time.Duration.ofSeconds(2),
        dev.countersign.verify.oci.RegistryException.Kind.NOT_FOUND,
        () -> client.manifest(ref(registry, "nope")));
  }

  @Test
  void parsesAnIndexWithPlatforms() throws Exception {
    Descriptor amd64 =
        new Descriptor(
            MediaTypes.OCI_MANIFEST,
            manifestDigest,
            manifest.length,
            Optional.empty(),
            Map.of(),
            Optional.of(new Platform("linux", "amd64", Optional.empty())));
    byte[] idx = index(amd64);
    Digest d = registry.putManifest(REPO, "multi", idx, MediaTypes.OCI_INDEX);
    FetchedManifest m = OciRegistry.http(fast(registry).build()).manifest(ref(registry, "multi"));
    assertThat(m.digest()).isEqualTo(d);
    ManifestDocument doc = ManifestDocument.parse(m.bytes(), m.mediaType());
    assertThat(doc.isIndex()).isTrue();
    assertThat(doc.manifests()).hasSize(1);
    assertThat(doc.manifests().get(0).platform())
        .contains(new Platform("linux", "amd64", Optional.empty()));
  }

  @Test
  void acceptsDockerSchema2Manifests() throws Exception {
    byte[] docker =
        ("{\"schemaVersion\":2,\"mediaType\":\""
                + MediaTypes.DOCKER_MANIFEST
                + "\",\"config\":"
                + RegistryFixtures.descriptorJson(config)
                + ",\"layers\":[]}")
            .getBytes(StandardCharsets.UTF_8);
    registry.putManifest(REPO, "docker", docker, MediaTypes.DOCKER_MANIFEST);
    FetchedManifest m = OciRegistry.http(fast(registry).build()).manifest(ref(registry, "docker"));
    assertThat(m.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
  }

  @Test
  void listsReferrersWithArtifactTypesAndAnnotations() throws Exception {
    Descriptor sig =
        new Descriptor(
            MediaTypes.OCI_MANIFEST,
            ContentDigests.compute("sha256", new byte[] {1}),
            1,
            Optional.of("application/vnd.dev.sigstore.bundle.v0.3+json"),
            Map.of("dev.sigstore.bundle.predicateType", "https://slsa.dev/provenance/v1"),
            Optional.empty());
    registry.putReferrers(REPO, manifestDigest, index(sig));
    Optional<List<Descriptor>> found =
        OciRegistry.http(fast(registry).build()).referrers(ref(registry, "v1"), manifestDigest);
    assertThat(found).isPresent();
    assertThat(found.get()).containsExactly(sig);
    assertThat(registry.registryRequests().get(0).path())
        .isEqualTo("/v2/team/app/referrers/" + manifestDigest);
  }

  @Test
  void referrersApiAbsentIsEmpty() throws Exception {
    registry.fault =
        ex -> {
          if (ex.getRequestURI().getPath().contains("/referrers/")) {
            FakeRegistry.send(ex, 404, "text/plain", new byte[0]);
            return true;
          }
          return false;
        };
    assertThat(
            OciRegistry.http(fast(registry).build()).referrers(ref(registry, "v1"), manifestDigest))
        .isEmpty();
  }

  @Test
  void followsReferrerPages() throws Exception {
    Descriptor a = descriptor(MediaTypes.OCI_MANIFEST, new byte[] {1});
    Descriptor b = descriptor(MediaTypes.OCI_MANIFEST, new byte[] {2});
    registry.fault =
        ex -> {
          if (!ex.getRequestURI().getPath().contains("/referrers/")) {
            return false;
          }
          boolean second = "page=2".equals(ex.getRequestURI().getQuery());
          if (!second) {
            ex.getResponseHeaders()
                .add("Link", "<" + ex.getRequestURI().getPath() + "?page=2>; rel=\"next\"");
          }
          FakeRegistry.send(ex, 200, MediaTypes.OCI_INDEX, index(second ? b : a));
          return true;
        };
    assertThat(
            OciRegistry.http(fast(registry).build()).referrers(ref(registry, "v1"), manifestDigest))
        .contains(List.of(a, b));
  }

  @Test
  void theListenerSeesFailedRoundTripsWithoutAStatus() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String host = "127.0.0.1:" + port;
    List<String> trips = new CopyOnWriteArrayList<>();
    OciRegistry client =
        OciRegistry.http(
            fast(null)
                .insecureRegistry(host)
                .listener(
                    (reg, op, method, status, elapsed) ->
                        trips.add(reg + " " + op + " " + method + " " + status))
                .build());
    RegistryFixtures.failsWithin(
        java.time.Duration.ofSeconds(2),
        dev.countersign.verify.oci.RegistryException.Kind.UNAVAILABLE,
        () ->
            client.blob(dev.countersign.verify.oci.ImageReference.parse(host + "/a/b:v1"), layer));
    assertThat(trips)
        .containsExactly(host + " blob GET -1", host + " blob GET -1", host + " blob GET -1");
  }

  /**
   * A classic cosign signature needs the image manifest, the .sig manifest and the signature layer:
   * three round trips once the client holds a token, with no /v2/ ping.
   */
  @Test
  void aWarmClientVerifiesAClassicSignatureInThreeRoundTrips() throws Exception {
    registry.auth = FakeRegistry.Auth.BEARER;
    byte[] payload = "{\"critical\":{}}".getBytes(StandardCharsets.UTF_8);
    Descriptor sigLayer =
        registry.putBlob(payload, "application/vnd.dev.cosign.simplesigning.v1+json");
    byte[] sigManifest = imageManifest(config, Optional.empty(), Map.of(), sigLayer);
    String sigTag = "sha256-" + manifestDigest.hex() + ".sig";
    registry.putManifest(REPO, sigTag, sigManifest, MediaTypes.OCI_MANIFEST);
    List<String> trips = new CopyOnWriteArrayList<>();
    OciRegistry client =
        OciRegistry.http(
            fast(registry)
                .credentials(
                    r ->
                        Optional.of(
                            new dev.countersign.verify.oci.RegistryCredential.Basic(
                                FakeRegistry.USER, FakeRegistry.PASSWORD, Optional.empty())))
                .listener((reg, op, method, status, elapsed) -> trips.add(op + " " + status))
                .build());
    verifyClassic(client, sigTag, sigLayer);
    assertThat(trips)
        .containsExactly("manifest 401", "token 200", "manifest 200", "manifest 200", "blob 200");
    trips.clear();
    verifyClassic(client, sigTag, sigLayer);
    assertThat(trips).containsExactly("manifest 200", "manifest 200", "blob 200");
    assertThat(registry.tokensIssued.get()).isEqualTo(1);
    assertThat(registry.seen).noneMatch(s -> s.path().equals("/v2/"));
  }

  private void verifyClassic(OciRegistry client, String sigTag, Descriptor sigLayer)
      throws Exception {
    client.manifest(ref(registry, manifestDigest));
    FetchedManifest sig = client.manifest(ref(registry, sigTag));
    Descriptor layerDescriptor =
        ManifestDocument.parse(sig.bytes(), sig.mediaType()).layers().get(0);
    assertThat(layerDescriptor.digest()).isEqualTo(sigLayer.digest());
    client.blob(ref(registry, sigTag), layerDescriptor);
  }
}
