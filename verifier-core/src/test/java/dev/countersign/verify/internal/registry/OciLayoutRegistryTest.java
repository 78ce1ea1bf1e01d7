package dev.countersign.verify.internal.registry;

import static dev.countersign.verify.internal.registry.RegistryFixtures.descriptor;
import static dev.countersign.verify.internal.registry.RegistryFixtures.failsWithin;
import static dev.countersign.verify.internal.registry.RegistryFixtures.imageManifest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.countersign.verify.Digest;
import dev.countersign.verify.oci.Descriptor;
import dev.countersign.verify.oci.FetchedManifest;
import dev.countersign.verify.oci.ImageReference;
import dev.countersign.verify.oci.OciRegistry;
import dev.countersign.verify.oci.RegistryException.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OciLayoutRegistryTest {
  private static final Duration QUICK = Duration.ofSeconds(1);
  private static final Digest CORPUS_IMAGE =
      Digest.parse("sha256:85361a205e006f37e75be934b9e5812569e8ea59095379e2b02bae4e3d6c09e9");

  @TempDir Path dir;

  /** The corpus's hand-made cosign layouts, read in place; skipped visibly when absent. */
  private static Path corpus(String layout) {
    String prop = System.getProperty("countersign.corpus");
    Path root = prop != null ? Paths.get(prop) : Paths.get("..", "..", "shared", "corpus");
    Path p = root.resolve("cosign-oci/local-registry-handcrafted").resolve(layout);
    assumeTrue(Files.isDirectory(p), "corpus layout " + p + " not present: test skipped");
    return p;
  }

  @Test
  void corpusImageLayoutByTagAndDigest() throws Exception {
    OciRegistry layout = OciRegistry.ociLayout(corpus("image-oci-layout"));
    FetchedManifest byTag = layout.manifest(ImageReference.parse("127.0.0.1:5000/corpus/hello:v1"));
    assertThat(byTag.digest()).isEqualTo(CORPUS_IMAGE);
    assertThat(byTag.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
    FetchedManifest byDigest =
        layout.manifest(ImageReference.parse("anything.example/else@" + CORPUS_IMAGE));
    assertThat(byDigest.bytes()).isEqualTo(byTag.bytes());
    ManifestDocument doc = ManifestDocument.parse(byTag.bytes(), byTag.mediaType());
    byte[] config = layout.blob(ImageReference.parse("x.example/y:v1"), doc.config().get());
    assertThat(new String(config, StandardCharsets.UTF_8)).contains("\"architecture\":\"amd64\"");
    assertThat(layout.referrers(ImageReference.parse("x.example/y:v1"), CORPUS_IMAGE))
        .contains(List.of());
    assertThat(layout.manifestIfPresent(ImageReference.parse("x.example/y:v2"))).isEmpty();
  }

  @Test
  void corpusSignatureLayoutResolvesTheCosignTag() throws Exception {
    OciRegistry layout = OciRegistry.ociLayout(corpus("signature-oci-layout"));
    String tag = "sha256-" + CORPUS_IMAGE.hex() + ".sig";
    FetchedManifest sig =
        layout.manifest(ImageReference.parse("127.0.0.1:5000/corpus/hello:" + tag));
    Descriptor layer = ManifestDocument.parse(sig.bytes(), sig.mediaType()).layers().get(0);
    assertThat(layer.mediaType()).isEqualTo("application/vnd.dev.cosign.simplesigning.v1+json");
    assertThat(layer.annotation("dev.cosignproject.cosign/signature")).isPresent();
    String payload =
        new String(
            layout.blob(ImageReference.parse("a.example/b:" + tag), layer), StandardCharsets.UTF_8);
    assertThat(payload).contains(CORPUS_IMAGE.toString());
  }

  @Test
  void referrersAreManifestsWhoseSubjectNamesTheDigest() throws Exception {
    Layout l = new Layout(dir);
    Descriptor config = l.blob("{}", "application/vnd.oci.image.config.v1+json");
    Descriptor image =
        l.blob(
            new String(imageManifest(config, Optional.empty(), Map.of()), StandardCharsets.UTF_8),
            MediaTypes.OCI_MANIFEST);
    Descriptor empty = l.blob("{}", "application/vnd.oci.empty.v1+json");
    Descriptor bundle =
        l.blob(
            new String(
                imageManifest(
                    empty,
                    Optional.of(image),
                    Map.of("org.opencontainers.image.created", "2030-01-01T00:00:00Z"),
                    descriptor("application/vnd.dev.sigstore.bundle.v0.3+json", new byte[] {1})),
                StandardCharsets.UTF_8),
            MediaTypes.OCI_MANIFEST);
    Descriptor nested =
        l.blob(
            new String(RegistryFixtures.index(bundle), StandardCharsets.UTF_8),
            MediaTypes.OCI_INDEX);
    l.index(tagged(image, "v1"), nested);

    OciRegistry layout = OciRegistry.ociLayout(dir);
    Optional<List<Descriptor>> referrers =
        layout.referrers(ImageReference.parse("x.example/y:v1"), image.digest());
    assertThat(referrers).isPresent();
    assertThat(referrers.get())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.digest()).isEqualTo(bundle.digest());
              assertThat(d.artifactType()).contains("application/vnd.oci.empty.v1+json");
              assertThat(d.annotations()).containsKey("org.opencontainers.image.created");
            });
  }

  @Test
  void fullNamesResolveTagsAndAmbiguityIsAnError() throws Exception {
    Layout l = new Layout(dir);
    Descriptor config = l.blob("{}", "application/vnd.oci.image.config.v1+json");
    Descriptor a =
        l.blob(
            new String(imageManifest(config, Optional.empty(), Map.of()), StandardCharsets.UTF_8),
            MediaTypes.OCI_MANIFEST);
    Descriptor b =
        l.blob(
            new String(
                imageManifest(config, Optional.empty(), Map.of("x", "y")), StandardCharsets.UTF_8),
            MediaTypes.OCI_MANIFEST);
    l.index(
        tagged(a, "registry.example:5000/team/app:v1"),
        tagged(b, "v2"),
        tagged(a, "dup"),
        tagged(b, "other/app:dup"));
    OciRegistry layout = OciRegistry.ociLayout(dir);
    assertThat(layout.manifest(ImageReference.parse("z.example/q:v1")).digest())
        .isEqualTo(a.digest());
    assertThat(layout.manifest(ImageReference.parse("z.example/q:dup")).digest())
        .as("an exact tag wins over a full name")
        .isEqualTo(a.digest());
    l.index(tagged(a, "one/app:v3"), tagged(b, "two/app:v3"));
    failsWithin(
        QUICK, Kind.MALFORMED, () -> layout.manifest(ImageReference.parse("z.example/q:v3")));
    failsWithin(
        QUICK, Kind.NOT_FOUND, () -> layout.manifest(ImageReference.parse("z.example/q:absent")));
  }

  @Test
  void tamperedAndOversizedContent() throws Exception {
    Layout l = new Layout(dir);
    Descriptor config = l.blob("{\"a\":1}", "application/vnd.oci.image.config.v1+json");
    Descriptor image =
        l.blob(
            new String(imageManifest(config, Optional.empty(), Map.of()), StandardCharsets.UTF_8),
            MediaTypes.OCI_MANIFEST);
    l.index(tagged(image, "v1"));
    ImageReference any = ImageReference.parse("x.example/y:v1");
    Files.writeString(l.path(config), "{\"a\":2}");
    failsWithin(QUICK, Kind.DIGEST_MISMATCH, () -> OciRegistry.ociLayout(dir).blob(any, config));
    Files.writeString(l.path(config), "{}");
    failsWithin(QUICK, Kind.DIGEST_MISMATCH, () -> OciRegistry.ociLayout(dir).blob(any, config));
    Files.writeString(l.path(config), "{\"a\":22}");
    failsWithin(QUICK, Kind.TOO_LARGE, () -> OciRegistry.ociLayout(dir).blob(any, config));

    OciRegistry small = new OciLayoutRegistry(dir, 64, 4);
    failsWithin(QUICK, Kind.TOO_LARGE, () -> small.manifest(any));
    failsWithin(QUICK, Kind.TOO_LARGE, () -> small.blob(any, config));
    Files.delete(l.path(config));
    failsWithin(QUICK, Kind.NOT_FOUND, () -> OciRegistry.ociLayout(dir).blob(any, config));
    Files.writeString(l.path(image), "{\"schemaVersion\":2}");
    Descriptor broken = l.blob("{\"schemaVersion\":2}", MediaTypes.OCI_MANIFEST);
    l.index(tagged(broken, "v1"));
    failsWithin(QUICK, Kind.MALFORMED, () -> OciRegistry.ociLayout(dir).manifest(any));
  }

  @Test
  void notALayout() throws IOException {
    assertThatThrownBy(() -> OciRegistry.ociLayout(dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an OCI image");
    Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"2.0.0\"}");
    Files.writeString(dir.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[]}");
    assertThatThrownBy(() -> OciRegistry.ociLayout(dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("version");
  }

  private static Descriptor tagged(Descriptor d, String name) {
    return new Descriptor(
        d.mediaType(),
        d.digest(),
        d.size(),
        Optional.empty(),
        Map.of(OciLayoutRegistry.REF_NAME, name),
        Optional.empty());
  }

  /** Writes an OCI image layout. */
  private static final class Layout {
    private final Path root;

    Layout(Path root) throws IOException {
      this.root = root;
      Files.writeString(root.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
      index();
    }

    Descriptor blob(String content, String mediaType) throws IOException {
      byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
      Descriptor d = descriptor(mediaType, bytes);
      Files.createDirectories(path(d).getParent());
      Files.write(path(d), bytes);
      return d;
    }

    Path path(Descriptor d) {
      return root.resolve("blobs").resolve(d.digest().algorithm()).resolve(d.digest().hex());
    }

    void index(Descriptor... manifests) throws IOException {
      StringJoiner j = new StringJoiner(",", "[", "]");
      for (Descriptor d : manifests) {
        j.add(RegistryFixtures.descriptorJson(d));
      }
      Files.writeString(
          root.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":" + j + "}");
    }
  }
}
