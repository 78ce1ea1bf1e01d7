package dev.countersign.admission.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.countersign.admission.AdmissionSettings;
import dev.countersign.admission.MutateMode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.TypeConversionException;

class WebhookOptionsTest {
  static WebhookOptions parse(String... args) {
    WebhookMain main = new WebhookMain();
    new CommandLine(main).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args);
    return main.options;
  }

  static final String[] REQUIRED = {"--tls-cert", "c.pem", "--tls-key", "k.pem", "--policies", "p"};

  static String[] with(String... more) {
    String[] all = new String[REQUIRED.length + more.length];
    System.arraycopy(REQUIRED, 0, all, 0, REQUIRED.length);
    System.arraycopy(more, 0, all, REQUIRED.length, more.length);
    return all;
  }

  @Test
  void durationsReadAsPeopleWriteThem() {
    assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse("8s")).isEqualTo(Duration.ofSeconds(8));
    assertThat(Durations.parse("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(Durations.parse("PT2S")).isEqualTo(Duration.ofSeconds(2));
    assertThatThrownBy(() -> Durations.parse("soon")).isInstanceOf(TypeConversionException.class);
  }

  @Test
  void flagsBecomeAdmissionSettings() {
    WebhookOptions o =
        parse(
            with(
                "--deadline", "3s",
                "--cache-ttl", "10m",
                "--negative-cache-ttl", "5s",
                "--error-cache-ttl", "1s",
                "--cache-size", "100",
                "--workers", "4",
                "--queue", "8",
                "--exclude-namespace", "kube-system",
                "--exclude-namespace", "istio-system",
                "--exclude-image", "registry.k8s.io/**",
                "--pod-template-path", "argoproj.io/Rollout=/spec/template/spec",
                "--mutate-mode", "annotate",
                "--no-policy-match", "warn"));
    AdmissionSettings s = o.admissionSettings();
    assertThat(s.deadline()).isEqualTo(Duration.ofSeconds(3));
    assertThat(s.cacheTtl()).isEqualTo(Duration.ofMinutes(10));
    assertThat(s.negativeCacheTtl()).isEqualTo(Duration.ofSeconds(5));
    assertThat(s.errorCacheTtl()).isEqualTo(Duration.ofSeconds(1));
    assertThat(s.cacheSize()).isEqualTo(100);
    assertThat(s.workers()).isEqualTo(4);
    assertThat(s.queueCapacity()).isEqualTo(8);
    assertThat(s.excludedNamespaces()).containsExactlyInAnyOrder("kube-system", "istio-system");
    assertThat(s.excludedImages()).containsExactly("registry.k8s.io/**");
    assertThat(s.podTemplatePaths())
        .containsEntry("argoproj.io/Rollout", List.of("/spec/template/spec"));
    assertThat(s.mutateMode()).isEqualTo(MutateMode.ANNOTATE);
    assertThat(o.noPolicyMatch.name()).isEqualTo("WARN");
    // The registry gives up before the deadline, so a slow registry is named as such.
    assertThat(o.registryOperationTimeout()).isEqualTo(Duration.ofMillis(1800));
  }

  @Test
  void inconsistentSettingsAreUsageErrors() {
    assertThatThrownBy(() -> parse(with("--deadline", "45s")).admissionSettings())
        .isInstanceOf(StartupException.class)
        .hasMessageContaining("30s");
    assertThatThrownBy(() -> parse(with("--pod-template-path", "Rollout")).admissionSettings())
        .isInstanceOf(StartupException.class)
        .hasMessageContaining("KIND=JSONPOINTER");
    assertThatThrownBy(() -> parse(with("--pod-template-path", "Rollout=spec")).admissionSettings())
        .isInstanceOf(StartupException.class)
        .hasMessageContaining("JSON pointer");
    assertThatThrownBy(() -> parse(with("--workers", "0")).admissionSettings())
        .isInstanceOf(StartupException.class);
    assertThatThrownBy(() -> parse(with("--exclude-image", "bad glob")).admissionSettings())
        .isInstanceOf(StartupException.class);
  }
}
