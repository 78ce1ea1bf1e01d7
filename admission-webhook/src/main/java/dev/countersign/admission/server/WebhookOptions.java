package dev.countersign.admission.server;

import dev.countersign.admission.AdmissionSettings;
import dev.countersign.admission.MutateMode;
import dev.countersign.verify.policy.NoMatchAction;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The webhook's flags, shared by {@code countersign webhook} and the runnable {@link WebhookMain}
 * (a picocli mixin).
 */
public final class WebhookOptions {
  @Option(
      names = "--port",
      paramLabel = "N",
      description = "HTTPS port (default 8443; 0 picks a free port).")
  public int port = 8443;

  @Option(
      names = "--host",
      paramLabel = "ADDRESS",
      description = "Address to listen on (default 0.0.0.0).")
  public String host = "0.0.0.0";

  @Option(
      names = "--tls-cert",
      required = true,
      paramLabel = "FILE",
      description = "PEM certificate chain (leaf first); re-read when it changes.")
  public Path tlsCert;

  @Option(
      names = "--tls-key",
      required = true,
      paramLabel = "FILE",
      description = "PEM private key (PKCS#8, PKCS#1 RSA or SEC1 EC, unencrypted).")
  public Path tlsKey;

  @Option(
      names = "--policies",
      required = true,
      paramLabel = "DIR",
      description = "ImagePolicy file or directory (a mounted ConfigMap); reloaded on change.")
  public Path policies;

  @Option(
      names = "--trust-roots",
      paramLabel = "DIR",
      description =
          "Trust roots directory (<name>.json, <name>/ TUF mirrors); reloaded on change. Default:"
              + " the shipped public-good root.")
  public Path trustRoots;

  @Option(
      names = "--registry-config",
      paramLabel = "FILE",
      description =
          "Docker config.json or pull-secret .dockerconfigjson with registry credentials. Amazon"
              + " ECR registries without an entry use the AWS default credential chain (IRSA).")
  public Path registryConfig;

  @Option(
      names = "--insecure-registry",
      paramLabel = "HOST:PORT",
      description = "Reach this registry over plain HTTP (repeatable; test registries only).")
  public List<String> insecureRegistries = new ArrayList<>();

  @Option(
      names = "--registry-ca",
      paramLabel = "FILE",
      description =
          "PEM CA certificates trusted for registry TLS besides the system ones (repeatable).")
  public List<Path> registryCas = new ArrayList<>();

  @Option(
      names = "--registry-timeout",
      paramLabel = "DURATION",
      converter = Durations.class,
      description =
          "Budget of one registry operation with its retries (default: 60% of --deadline, so a"
              + " slow registry is reported as such before the deadline).")
  public Duration registryTimeout;

  @Option(
      names = "--records",
      paramLabel = "FILE",
      description = "Append a hash-chained decision record per request to FILE ('-' for stdout).")
  public String records;

  @Option(
      names = "--records-key",
      paramLabel = "PEM",
      description = "Ed25519 or ECDSA private key that signs the decision records.")
  public Path recordsKey;

  @Option(
      names = "--deadline",
      paramLabel = "DURATION",
      converter = Durations.class,
      description =
          "Answer within this time; images not verified by then are denied with"
              + " DEADLINE_EXCEEDED (default 8s, below the API server's 10s timeoutSeconds).")
  public Duration deadline = Duration.ofSeconds(8);

  @Option(
      names = "--cache-ttl",
      paramLabel = "DURATION",
      converter = Durations.class,
      description = "Reuse an allowing decision for a digest this long (default 5m).")
  public Duration cacheTtl = Duration.ofMinutes(5);

  @Option(
      names = "--tag-cache-ttl",
      paramLabel = "DURATION",
      converter = Durations.class,
      description = "Reuse a decision for an image named by tag at most this long (default 30s).")
  public Duration tagCacheTtl = Duration.ofSeconds(30);

  @Option(
      names = "--negative-cache-ttl",
      paramLabel = "DURATION",
      converter = Durations.class,
      description = "Reuse a denying or warning decision this long (default 30s).")
  public Duration negativeCacheTtl = Duration.ofSeconds(30);

  @Option(
      names = "--error-cache-ttl",
      paramLabel = "DURATION",
      converter = Durations.class,
      description = "Reuse a could-not-evaluate decision (registry down) this long (default 3s).")
  public Duration errorCacheTtl = Duration.ofSeconds(3);

  @Option(
      names = "--cache-size",
      paramLabel = "N",
      description = "Most decisions cached (default 10000).")
  public long cacheSize = 10_000;

  @Option(
      names = "--workers",
      paramLabel = "N",
      description = "Verifications at once (default 16).")
  public int workers = 16;

  @Option(
      names = "--queue",
      paramLabel = "N",
      description =
          "Verifications waiting for a worker before new ones are shed (default 32 per worker).")
  public Integer queue;

  @Option(
      names = "--max-pending",
      paramLabel = "N",
      description =
          "Admission requests in progress before new ones are shed with ADMISSION_OVERLOADED"
              + " (default 512).")
  public int maxPending = 512;

  @Option(
      names = "--exclude-namespace",
      paramLabel = "NAMESPACE",
      description = "Admit this namespace's requests without verification (repeatable).")
  public List<String> excludedNamespaces = new ArrayList<>();

  @Option(
      names = "--exclude-image",
      paramLabel = "GLOB",
      description =
          "Admit images matching this registry/repository glob without verification (repeatable).")
  public List<String> excludedImages = new ArrayList<>();

  @Option(
      names = "--pod-template-path",
      paramLabel = "KIND=JSONPOINTER",
      description =
          "Pod spec location of a custom resource kind (Kind or group/Kind), e.g."
              + " argoproj.io/Rollout=/spec/template/spec; '*' matches every element (repeatable).")
  public List<String> podTemplatePaths = new ArrayList<>();

  @Option(
      names = "--no-policy-match",
      paramLabel = "deny|warn|allow",
      description = "What happens to an image no policy applies to (default deny).")
  public NoMatchAction noPolicyMatch = NoMatchAction.DENY;

  @Option(
      names = "--mutate-mode",
      paramLabel = "patch|annotate",
      description =
          "/mutate pins tags to digests (patch, default) or only records them in the annotation"
              + " countersign.dev/image-digests (annotate: no drift for GitOps tools).")
  public MutateMode mutateMode = MutateMode.PATCH;

  @Option(
      names = "--prewarm",
      paramLabel = "FILE",
      description = "Verify the images listed in FILE (one per line, # comments) at start.")
  public Path prewarm;

  @Option(
      names = "--prewarm-running-pods",
      description =
          "Verify the images of running pods at start and of new pods as they appear (needs"
              + " list/watch on pods).")
  public boolean prewarmRunningPods;

  @Option(
      names = "--events",
      description =
          "Post Kubernetes Events for denials and refused configuration reloads (needs create on"
              + " events).")
  public boolean events;

  @Option(
      names = "--reload-interval",
      paramLabel = "DURATION",
      converter = Durations.class,
      description =
          "Check policies, trust roots and the TLS files for changes this often (default 10s).")
  public Duration reloadInterval = Duration.ofSeconds(10);

  /** The admission settings these flags describe. */
  public AdmissionSettings admissionSettings() {
    try {
      AdmissionSettings.Builder b =
          AdmissionSettings.builder()
              .deadline(deadline)
              .cacheTtl(cacheTtl)
              .tagCacheTtl(tagCacheTtl)
              .negativeCacheTtl(negativeCacheTtl)
              .errorCacheTtl(errorCacheTtl)
              .cacheSize(cacheSize)
              .workers(workers)
              .maxPendingRequests(maxPending)
              .mutateMode(mutateMode);
      if (queue != null) {
        b.queueCapacity(queue);
      }
      excludedNamespaces.forEach(b::excludeNamespace);
      excludedImages.forEach(b::excludeImage);
      for (String p : podTemplatePaths) {
        int eq = p.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException(
              "--pod-template-path '" + p + "' is not KIND=JSONPOINTER");
        }
        b.podTemplatePath(p.substring(0, eq), p.substring(eq + 1));
      }
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new StartupException("USAGE", e.getMessage(), e);
    }
  }

  /** The registry operation budget: given, or 60% of the deadline. */
  public Duration registryOperationTimeout() {
    return Optional.ofNullable(registryTimeout)
        .orElse(Duration.ofMillis(Math.max(500, deadline.toMillis() * 6 / 10)));
  }
}
