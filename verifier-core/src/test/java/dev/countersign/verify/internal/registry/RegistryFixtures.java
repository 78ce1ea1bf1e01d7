package dev.countersign.verify.internal.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.countersign.verify.Digest;
import dev.countersign.verify.oci.Descriptor;
import dev.countersign.verify.oci.ImageReference;
import dev.countersign.verify.oci.RegistryConfig;
import dev.countersign.verify.oci.RegistryException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Manifests, references and a fast client configuration for registry tests. */
final class RegistryFixtures {
  static final String REPO = "team/app";

  private RegistryFixtures() {}

  /** Short timeouts and backoff, so that fault tests finish in well under a second or two. */
  static RegistryConfig.Builder fast(FakeRegistry registry) {
    RegistryConfig.Builder b =
        RegistryConfig.builder()
            .connectTimeout(Duration.ofMillis(500))
            .requestTimeout(Duration.ofMillis(700))
            .operationTimeout(Duration.ofSeconds(3))
            .retries(2, Duration.ofMillis(20), Duration.ofMillis(200));
    if (registry != null && registry.base.startsWith("http:")) {
      b.insecureRegistry(registry.host);
    }
    return b;
  }

  static ImageReference ref(FakeRegistry registry, String tagOrDigest) {
    String sep = tagOrDigest.contains(":") ? "@" : ":";
    return ImageReference.parse(registry.host + "/" + REPO + sep + tagOrDigest);
  }

  static ImageReference ref(FakeRegistry registry, Digest digest) {
    return ref(registry, digest.toString());
  }

  static String descriptorJson(Descriptor d) {
    StringBuilder sb = new StringBuilder();
    sb.append("{\"mediaType\":\"")
        .append(d.mediaType())
        .append("\",\"digest\":\"")
        .append(d.digest())
        .append("\",\"size\":")
        .append(d.size());
    d.artifactType().ifPresent(t -> sb.append(",\"artifactType\":\"").append(t).append('"'));
    if (!d.annotations().isEmpty()) {
      sb.append(",\"annotations\":").append(annotations(d.annotations()));
    }
    d.platform()
        .ifPresent(
            p ->
                sb.append(",\"platform\":{\"os\":\"")
                    .append(p.os())
                    .append("\",\"architecture\":\"")
                    .append(p.architecture())
                    .append("\"}"));
    return sb.append('}').toString();
  }

  static String annotations(Map<String, String> a) {
    StringJoiner j = new StringJoiner(",", "{", "}");
    a.forEach((k, v) -> j.add("\"" + k + "\":\"" + v + "\""));
    return j.toString();
  }

  /** An OCI image manifest; a subject makes it a referrer. */
  static byte[] imageManifest(
      Descriptor config,
      Optional<Descriptor> subject,
      Map<String, String> annotations,
      Descriptor... layers) {
    StringJoiner l = new StringJoiner(",", "[", "]");
    for (Descriptor d : layers) {
      l.add(descriptorJson(d));
    }
    String json =
        "{\"schemaVersion\":2,\"mediaType\":\""
            + MediaTypes.OCI_MANIFEST
            + "\",\"config\":"
            + descriptorJson(config)
            + ",\"layers\":"
            + l
            + subject.map(s -> ",\"subject\":" + descriptorJson(s)).orElse("")
            + (annotations.isEmpty() ? "" : ",\"annotations\":" + annotations(annotations))
            + "}";
    return json.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] index(Descriptor... manifests) {
    StringJoiner l = new StringJoiner(",", "[", "]");
    for (Descriptor d : manifests) {
      l.add(descriptorJson(d));
    }
    return ("{\"schemaVersion\":2,\"mediaType\":\""
            + MediaTypes.OCI_INDEX
            + "\",\"manifests\":"
            + l
            + "}")
        .getBytes(StandardCharsets.UTF_8);
  }

  static Descriptor descriptor(String mediaType, byte[] content) {
    return new Descriptor(
        mediaType,
        ContentDigests.compute("sha256", content),
        content.length,
        Optional.empty(),
        Map.of(),
        Optional.empty());
  }

  /** Asserts that {@code call} fails with {@code kind} and takes less than {@code within}. */
  static RegistryException failsWithin(
      Duration within, RegistryException.Kind kind, ThrowingCallable call) {
    long start = System.nanoTime();
    RegistryException e = catchThrowableOfType(RegistryException.class, call);
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(e).as("expected a RegistryException of kind " + kind).isNotNull();
    assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind);
    assertThat(e.reason()).isEqualTo(kind.reason());
    assertThat(took).as("time to fail").isLessThan(within);
    return e;
  }
}
