package dev.countersign.benchmarks.admission;

import dev.countersign.testkit.TestSigstore;
import dev.countersign.testkit.oci.Image;
import dev.countersign.testkit.oci.OciContent;
import dev.countersign.testkit.oci.Platform;
import dev.countersign.testkit.oci.RandomImages;
import dev.countersign.testkit.oci.cosign.CosignManifests;
import dev.countersign.testkit.oci.cosign.CosignSigner;
import dev.countersign.testkit.oci.registry.RegistryClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Images pushed to the benchmark registry, each with a real keyless cosign signature (certificate
 * from the private Sigstore's CA, entry in its Rekor log, in the {@code sha256-<hex>.sig} tag), or
 * signed by another identity, or unsigned. Named by digest ({@code host/repo@sha256:...}), as pods
 * are once {@code /mutate} has pinned them, so a cached decision lives for the full cache TTL.
 */
final class SignedImages {
  static final String ISSUER = "https://token.actions.githubusercontent.com";
  static final String IDENTITY =
      "https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1.0.0";
  static final String IDENTITY_PATTERN =
      "^https://github\\.com/acme/app/\\.github/workflows/release\\.yml@refs/tags/v.*$";
  static final String OTHER_IDENTITY =
      "https://github.com/evil/app/.github/workflows/release.yml@refs/tags/v1.0.0";

  /** Repositories the images are spread over (a registry client keeps per-repository state). */
  private static final int REPOSITORIES = 16;

  private final TestSigstore sigstore;
  private final RegistryClient client;
  private final String host;
  private final Instant signedAt;
  private final RandomImages random = RandomImages.create();

  /** A Sigstore valid on the wall clock: the webhook verifies with the system clock. */
  SignedImages(RegistryClient client, String host) {
    this.sigstore = TestSigstore.create(Instant.now().minus(Duration.ofDays(2)));
    this.client = client;
    this.host = host;
    this.signedAt = Instant.now().minus(Duration.ofHours(1));
  }

  /** The private Sigstore's trusted_root.json. */
  String trustedRootJson() {
    return sigstore.trustedRootJson();
  }

  /** A keyless policy for every image under {@code host/bench/**}, against the private root. */
  String policy() {
    return "apiVersion: policy.countersign.dev/v1alpha1\n"
        + "kind: ImagePolicy\n"
        + "metadata: {name: bench-release}\n"
        + "spec:\n"
        + "  mode: enforce\n"
        + "  images: [{glob: \""
        + host
        + "/bench/**\"}]\n"
        + "  trustRoot: private\n"
        + "  authorities:\n"
        + "    - name: release-ci\n"
        + "      keyless:\n"
        + "        identities:\n"
        + "          - issuer: "
        + ISSUER
        + "\n"
        + "            subjectRegExp: '"
        + IDENTITY_PATTERN
        + "'\n";
  }

  /** {@code count} images signed by the release workflow, under {@code bench/<group>-<n>}. */
  List<String> signed(String group, int count, int threads) throws Exception {
    return push(group, count, threads, IDENTITY);
  }

  /** Images signed by another workflow (the policy must deny them: IDENTITY_MISMATCH). */
  List<String> signedByOther(String group, int count) throws Exception {
    return push(group, count, 1, OTHER_IDENTITY);
  }

  /** Images without any signature (NO_SIGNATURE_FOUND). */
  List<String> unsigned(String group, int count) throws Exception {
    return push(group, count, 1, null);
  }

  private List<String> push(String group, int count, int threads, String identity)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<String>> done = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String repo = "bench/" + group + "-" + (i % REPOSITORIES);
        done.add(pool.submit(() -> pushOne(repo, identity)));
      }
      List<String> refs = new ArrayList<>();
      for (Future<String> f : done) {
        refs.add(f.get());
      }
      return refs;
    } finally {
      pool.shutdownNow();
    }
  }

  private String pushOne(String repo, String identity) {
    Image image = random.image(Platform.LINUX_AMD64);
    String tag = "v" + image.digest().hex().substring(0, 12);
    OciContent content = image.content(tag);
    if (identity != null) {
      CosignSigner signer = CosignSigner.keyless(sigstore, sigstore.uriIdentity(identity, ISSUER));
      content =
          content.plus(
              CosignManifests.signatures(
                  image.digest(),
                  List.of(signer.sign(host + "/" + repo, image.digest(), signedAt))));
    }
    client.push(repo, content);
    return host + "/" + repo + "@" + image.digest();
  }
}
