package dev.countersign.admission;

import dev.countersign.verify.policy.ImageGlob;
import dev.countersign.verify.policy.PolicyException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How the admission core schedules, caches and answers. Immutable; {@link #builder()} starts from
 * the defaults, and the constructor rejects anything inconsistent (an {@link
 * IllegalArgumentException} naming the setting), so a misconfigured webhook never starts.
 *
 * @param deadline the budget of one admission request: images not decided by then are denied with
 *     {@code DEADLINE_EXCEEDED}. Keep it below the webhook's {@code timeoutSeconds} (the API
 *     server's default is 10 s) so the webhook, not the API server, says what happened.
 * @param cacheTtl how long an allowing decision for a digest-pinned image is reused
 * @param tagCacheTtl how long a decision for an image named by tag is reused (a tag can move)
 * @param negativeCacheTtl how long a denying (or warning) decision is reused
 * @param errorCacheTtl how long a decision that could not be evaluated (registry down, timeout) is
 *     reused: a few seconds, so an outage does not outlive itself in the cache
 * @param cacheSize the most decisions kept
 * @param workers verifications that run at once
 * @param queueCapacity verifications that may wait for a worker; beyond it, new images are shed
 *     with {@code ADMISSION_OVERLOADED}
 * @param maxPendingRequests admission requests in progress at once; beyond it, requests are shed
 *     with {@code ADMISSION_OVERLOADED}
 * @param excludedNamespaces namespaces whose requests are admitted without verification
 * @param excludedImages image globs ({@code registry/repository}, as in policies) admitted without
 *     verification
 * @param podTemplatePaths extra kinds with pod specs: kind ({@code Kind} or {@code group/Kind}) to
 *     JSON pointers of their pod specs; a {@code *} segment stands for every element
 * @param mutateMode what {@code /mutate} does with verified digests
 */
public record AdmissionSettings(
    Duration deadline,
    Duration cacheTtl,
    Duration tagCacheTtl,
    Duration negativeCacheTtl,
    Duration errorCacheTtl,
    long cacheSize,
    int workers,
    int queueCapacity,
    int maxPendingRequests,
    Set<String> excludedNamespaces,
    List<String> excludedImages,
    Map<String, List<String>> podTemplatePaths,
    MutateMode mutateMode) {

  /** The API server never waits longer than 30 s for a webhook. */
  public static final Duration MAX_DEADLINE = Duration.ofSeconds(30);

  public AdmissionSettings {
    positive("deadline", deadline);
    if (deadline.compareTo(MAX_DEADLINE) > 0) {
      throw new IllegalArgumentException(
          "deadline " + deadline + " exceeds 30s, the longest an API server waits for a webhook");
    }
    positive("cacheTtl", cacheTtl);
    positive("tagCacheTtl", tagCacheTtl);
    positive("negativeCacheTtl", negativeCacheTtl);
    positive("errorCacheTtl", errorCacheTtl);
    if (cacheSize < 1) {
      throw new IllegalArgumentException("cacheSize must be at least 1");
    }
    if (workers < 1 || workers > 1024) {
      throw new IllegalArgumentException("workers must be between 1 and 1024");
    }
    if (queueCapacity < 0) {
      throw new IllegalArgumentException("queueCapacity must not be negative");
    }
    if (maxPendingRequests < 1) {
      throw new IllegalArgumentException("maxPendingRequests must be at least 1");
    }
    excludedNamespaces = Set.copyOf(excludedNamespaces);
    excludedImages = List.copyOf(excludedImages);
    for (String glob : excludedImages) {
      try {
        ImageGlob.of(glob);
      } catch (PolicyException e) {
        throw new IllegalArgumentException("excluded image '" + glob + "': " + e.getMessage(), e);
      }
    }
    Map<String, List<String>> paths = new LinkedHashMap<>();
    podTemplatePaths.forEach(
        (kind, pointers) -> {
          if (kind == null || !kind.matches("([a-z0-9.-]+/)?[A-Za-z][A-Za-z0-9]*")) {
            throw new IllegalArgumentException(
                "pod template path: '" + kind + "' is not a kind (Kind or group/Kind)");
          }
          for (String p : pointers) {
            if (p == null || !(p.isEmpty() || p.startsWith("/"))) {
              throw new IllegalArgumentException(
                  "pod template path for "
                      + kind
                      + ": '"
                      + p
                      + "' is not a JSON pointer (it starts with '/')");
            }
          }
          paths.put(kind, List.copyOf(pointers));
        });
    podTemplatePaths = Map.copyOf(paths);
    Objects.requireNonNull(mutateMode, "mutateMode");
  }

  /** The defaults, suited to the API server's default {@code timeoutSeconds} of 10. */
  public static AdmissionSettings defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these settings. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.deadline = deadline;
    b.cacheTtl = cacheTtl;
    b.tagCacheTtl = tagCacheTtl;
    b.negativeCacheTtl = negativeCacheTtl;
    b.errorCacheTtl = errorCacheTtl;
    b.cacheSize = cacheSize;
    b.workers = workers;
    b.queueCapacity = queueCapacity;
    b.maxPendingRequests = maxPendingRequests;
    b.excludedNamespaces.addAll(excludedNamespaces);
    b.excludedImages.addAll(excludedImages);
    podTemplatePaths.forEach((k, v) -> b.podTemplatePaths.put(k, new ArrayList<>(v)));
    b.mutateMode = mutateMode;
    return b;
  }

  private static void positive(String name, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be a positive duration");
    }
  }

  /** Builds {@link AdmissionSettings}; every setting has a default. */
  public static final class Builder {
    private Duration deadline = Duration.ofSeconds(8);
    private Duration cacheTtl = Duration.ofMinutes(5);
    private Duration tagCacheTtl = Duration.ofSeconds(30);
    private Duration negativeCacheTtl = Duration.ofSeconds(30);
    private Duration errorCacheTtl = Duration.ofSeconds(3);
    private long cacheSize = 10_000;
    private int workers = 16;
    private Integer queueCapacity;
    private int maxPendingRequests = 512;
    private final Set<String> excludedNamespaces = new LinkedHashSet<>();
    private final List<String> excludedImages = new ArrayList<>();
    private final Map<String, List<String>> podTemplatePaths = new LinkedHashMap<>();
    private MutateMode mutateMode = MutateMode.PATCH;

    private Builder() {}

    public Builder deadline(Duration d) {
      this.deadline = d;
      return this;
    }

    public Builder cacheTtl(Duration d) {
      this.cacheTtl = d;
      return this;
    }

    public Builder tagCacheTtl(Duration d) {
      this.tagCacheTtl = d;
      return this;
    }

    public Builder negativeCacheTtl(Duration d) {
      this.negativeCacheTtl = d;
      return this;
    }

    public Builder errorCacheTtl(Duration d) {
      this.errorCacheTtl = d;
      return this;
    }

    public Builder cacheSize(long entries) {
      this.cacheSize = entries;
      return this;
    }

    public Builder workers(int n) {
      this.workers = n;
      return this;
    }

    /** Default: 32 per worker. */
    public Builder queueCapacity(int n) {
      this.queueCapacity = n;
      return this;
    }

    public Builder maxPendingRequests(int n) {
      this.maxPendingRequests = n;
      return this;
    }

    public Builder excludeNamespace(String namespace) {
      this.excludedNamespaces.add(Objects.requireNonNull(namespace));
      return this;
    }

    public Builder excludeImage(String glob) {
      this.excludedImages.add(Objects.requireNonNull(glob));
      return this;
    }

    /** Adds a pod spec location for a kind (for custom resources). */
    public Builder podTemplatePath(String kind, String jsonPointer) {
      this.podTemplatePaths
          .computeIfAbsent(Objects.requireNonNull(kind), k -> new ArrayList<>())
          .add(Objects.requireNonNull(jsonPointer));
      return this;
    }

    public Builder mutateMode(MutateMode mode) {
      this.mutateMode = mode;
      return this;
    }

    public AdmissionSettings build() {
      return new AdmissionSettings(
          deadline,
          cacheTtl,
          tagCacheTtl,
          negativeCacheTtl,
          errorCacheTtl,
          cacheSize,
          workers,
          queueCapacity == null ? workers * 32 : queueCapacity,
          maxPendingRequests,
          excludedNamespaces,
          excludedImages,
          podTemplatePaths,
          mutateMode);
    }
  }
}
