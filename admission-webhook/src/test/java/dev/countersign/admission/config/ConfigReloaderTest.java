package dev.countersign.admission.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.countersign.admission.ActiveVerifier;
import dev.countersign.admission.Signed;
import dev.countersign.verify.oci.EvidenceSource;
import dev.countersign.verify.oci.OciRegistry;
import dev.countersign.verify.oci.RegistryConfig;
import dev.countersign.verify.policy.NoMatchAction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hot reload of a mounted ConfigMap as the kubelet updates it: a new hidden directory, then an
 * atomic swap of the {@code ..data} link that the visible files point through.
 */
class ConfigReloaderTest {
  static final EvidenceSource NO_REGISTRY =
      EvidenceSource.of(OciRegistry.http(RegistryConfig.builder().build()));

  @TempDir Path tmp;
  Path mount;
  Path roots;
  int generation;
  ConfigReloader reloader;
  final List<String> heard = new CopyOnWriteArrayList<>();

  @BeforeEach
  void mount() throws IOException {
    mount = Files.createDirectories(tmp.resolve("policies"));
    roots = Signed.trustRoots(tmp.resolve("roots"));
    publish(Signed.policy("first", "enforce", "registry.test/**"));
    Files.createSymbolicLink(mount.resolve("policy.yaml"), Path.of("..data/policy.yaml"));
  }

  @AfterEach
  void stop() {
    if (reloader != null) {
      reloader.close();
    }
  }

  /** Writes a new generation and swaps {@code ..data} to it, as the kubelet does. */
  void publish(String policy) throws IOException {
    Path gen = Files.createDirectory(mount.resolve("..2026_01_01_00_00_0" + ++generation));
    Files.writeString(gen.resolve("policy.yaml"), policy);
    Path link = Files.createSymbolicLink(mount.resolve("..data_tmp"), gen.getFileName());
    Files.move(
        link,
        mount.resolve("..data"),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
  }

  ConfigReloader start(Duration poll) {
    reloader =
        ConfigReloader.start(
            new VerifierLoader(
                mount, Optional.of(roots), NO_REGISTRY, NoMatchAction.DENY, Clock.systemUTC()),
            poll,
            Clock.systemUTC());
    reloader.addListener(
        new ReloadListener() {
          @Override
          public void reloaded(ActiveVerifier now) {
            heard.add("reloaded " + now.policyRevision());
          }

          @Override
          public void refused(ConfigException why) {
            heard.add("refused " + why.reason());
          }
        });
    return reloader;
  }

  static void await(BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < end) {
      Thread.sleep(20);
    }
    assertThat(condition.getAsBoolean()).as("condition within 15s").isTrue();
  }

  @Test
  void aSwappedConfigMapIsPickedUpAndABrokenOneIsRefused() throws Exception {
    ConfigReloader r = start(Duration.ofMillis(300));
    ActiveVerifier first = r.get();
    assertThat(first.verifier().policies().orElseThrow().policies())
        .extracting(p -> p.name())
        .containsExactly("first");
    assertThat(first.trustRootRevisions()).containsKey("private");

    publish(Signed.policy("second", "enforce", "registry.test/**"));
    await(() -> r.status().reloads() == 1);
    ActiveVerifier second = r.get();
    assertThat(second.policyRevision()).isNotEqualTo(first.policyRevision());
    assertThat(second.verifier().policies().orElseThrow().policies())
        .extracting(p -> p.name())
        .containsExactly("second");

    publish("apiVersion: policy.countersign.dev/v1alpha1\nkind: ImagePolicy\nspec: [broken\n");
    await(() -> r.status().failures() == 1);
    assertThat(r.get()).isSameAs(second);
    ReloadStatus status = r.status();
    assertThat(status.lastFailure())
        .hasValueSatisfying(
            m -> assertThat(m).startsWith("POLICY_INVALID: ").contains("policy.yaml"));
    assertThat(status.lastFailureAt()).isPresent();
    assertThat(status.policyRevision()).isEqualTo(second.policyRevision());
    // The same broken files are not reloaded (or reported) again.
    Thread.sleep(900);
    assertThat(r.status().failures()).isEqualTo(1);

    publish(Signed.policy("third", "enforce", "registry.test/**"));
    await(() -> r.status().reloads() == 2);
    assertThat(r.status().lastFailure()).isEmpty();
    assertThat(heard)
        .containsExactly(
            "reloaded " + second.policyRevision(),
            "refused POLICY_INVALID",
            "reloaded " + r.get().policyRevision());
  }

  @Test
  void aBrokenTrustRootIsRefusedAndTheOldOneKept() throws Exception {
    ConfigReloader r = start(Duration.ofMinutes(10));
    String before = r.get().trustRootRevisions().get("private");
    Files.writeString(roots.resolve("private.json"), "{\"mediaType\": 5}");
    assertThat(r.checkNow()).isFalse();
    assertThat(r.status().lastFailure())
        .hasValueSatisfying(m -> assertThat(m).startsWith("TRUST_ROOT_INVALID: "));
    assertThat(r.get().trustRootRevisions().get("private")).isEqualTo(before);
    Signed.trustRoots(roots);
    assertThat(r.checkNow()).isTrue();
    assertThat(r.checkNow()).isFalse();
  }

  @Test
  void aPolicyNamingAnUnknownTrustRootIsRefused() throws Exception {
    ConfigReloader r = start(Duration.ofMinutes(10));
    publish(
        Signed.policy("x", "enforce", "registry.test/**")
            .replace("trustRoot: private", "trustRoot: nowhere"));
    assertThat(r.checkNow()).isFalse();
    assertThat(r.status().lastFailure())
        .hasValueSatisfying(m -> assertThat(m).startsWith("POLICY_INVALID: ").contains("nowhere"));
  }

  @Test
  void aBrokenConfigurationStopsTheStart() throws Exception {
    publish("not: [a policy");
    assertThatThrownBy(() -> start(Duration.ofSeconds(1)))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).reason()).isEqualTo("POLICY_INVALID"));
  }
}
