package dev.countersign.verify.it;

import static dev.countersign.verify.it.Fixtures.SIGNED_AT;
import static dev.countersign.verify.it.Fixtures.describe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.testkit.oci.Image;
import dev.countersign.testkit.oci.JsonStyle;
import dev.countersign.testkit.oci.ManifestFormat;
import dev.countersign.testkit.oci.MultiArchImage;
import dev.countersign.testkit.oci.OciContent;
import dev.countersign.testkit.oci.Platform;
import dev.countersign.testkit.oci.RandomImages;
import dev.countersign.testkit.oci.cosign.CosignManifests;
import dev.countersign.testkit.oci.layout.OciLayout;
import dev.countersign.verify.VerificationRequest;
import dev.countersign.verify.it.Evidence.Kind;
import dev.countersign.verify.it.Evidence.Signer;
import dev.countersign.verify.it.Evidence.Tamper;
import dev.countersign.verify.oci.ImageReference;
import dev.countersign.verify.oci.MultiArchRequirement;
import dev.countersign.verify.oci.OciRegistry;
import dev.countersign.verify.policy.Authority;
import dev.countersign.verify.verdict.CheckResult;
import dev.countersign.verify.verdict.Outcome;
import dev.countersign.verify.verdict.ReasonCode;
import dev.countersign.verify.verdict.Verdict;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same content published to the registry and written as an OCI image layout gives the same
 * verdict: outcome, reason and the sequence of checks (their ids, statuses and reasons).
 */
class OciLayoutParityIT extends RegistryTestBase {
  private static final RandomImages IMAGES = RandomImages.create();

  @TempDir Path tmp;

  /**
   * One case: what to publish for a repository (given its reference, which signed payloads name),
   * how to verify it, and the verdict expected from both sources.
   */
  record Scenario(
      String name,
      Function<String, OciContent> content,
      Authority authority,
      MultiArchRequirement multiArch,
      Outcome outcome,
      ReasonCode reason) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> scenarios() {
    Image image = IMAGES.image(Platform.LINUX_AMD64);
    Image other = IMAGES.image(Platform.LINUX_AMD64);
    MultiArchImage multi =
        IMAGES.multiArch(ManifestFormat.OCI, Platform.LINUX_AMD64, Platform.LINUX_ARM64);
    Function<Signer, Function<String, OciContent>> classic =
        who ->
            repo ->
                image
                    .content("v1")
                    .plus(
                        CosignManifests.signatures(
                            image.digest(),
                            List.of(who.cosign().sign(repo, image.digest(), SIGNED_AT))));
    Function<Kind, Function<String, OciContent>> referrer =
        kind ->
            repo ->
                image
                    .content("v1")
                    .plus(Evidence.referrer(kind, Signer.RELEASE, repo, image, image, Tamper.NONE))
                    .withReferrersTagIndex(JsonStyle.GO);
    return Stream.of(
            new Scenario(
                "classic keyless",
                classic.apply(Signer.RELEASE),
                Fixtures.release(),
                MultiArchRequirement.INDEX_OR_EVERY_PLATFORM,
                Outcome.PASS,
                ReasonCode.OK),
            new Scenario(
                "classic key, other key expected",
                classic.apply(Signer.KEY),
                Fixtures.otherKey(),
                MultiArchRequirement.INDEX_OR_EVERY_PLATFORM,
                Outcome.FAIL,
                ReasonCode.KEY_MISMATCH),
            new Scenario(
                "classic other identity",
                classic.apply(Signer.OTHER_IDENTITY),
                Fixtures.release(),
                MultiArchRequirement.INDEX_OR_EVERY_PLATFORM,
                Outcome.FAIL,
                ReasonCode.IDENTITY_MISMATCH),
            new Scenario(
                "classic payload naming another image",
                repo ->
                    image
                        .content("v1")
                        .plus(
                            CosignManifests.signatures(
                                image.digest(),
                                List.of(
                                    Fixtures.cosignRelease()
                                        .sign(repo, other.digest(), SIGNED_AT)))),
                Fixtures.release(),
                MultiArchRequirement.INDEX_OR_EVERY_PLATFORM,
                Outcome.FAIL,
                ReasonCode.IMAGE_DIGEST_MISMATCH),
            new Scenario(
                "unsigned",
                repo -> image.content("v1"),
                Fixtures.release(),
                MultiArchRequirement.INDEX_OR_EVERY_PLATFORM,
                Outcome.FAIL,
                ReasonCode.NO_SIGNATURE_FOUND),
            new Scenario(
                "cosign referrer",
                referrer.apply(Kind.COSIGN_LAYER),
                Fixtures.release(),
                MultiArchRequirement.INDEX_OR_EVERY_PLATFORM,
                Outcome.PASS,
                ReasonCode.OK),
            new Scenario(
                "bundle referrer",
                referrer.apply(Kind.BUNDLE_MESSAGE_SIGNATURE),
                Fixtures.release(),
                MultiArchRequirement.INDEX_OR_EVERY_PLATFORM,
                Outcome.PASS,
                ReasonCode.OK),
            new Scenario(
                "cosign v3 statement bundle referrer, altered",
                repo ->
                    image
                        .content("v1")
                        .plus(
                            Evidence.referrer(
                                Kind.BUNDLE_COSIGN_STATEMENT,
                                Signer.RELEASE,
                                repo,
                                image,
                                image,
                                Tamper.ALTERED))
                        .withReferrersTagIndex(JsonStyle.GO),
                Fixtures.release(),
                MultiArchRequirement.INDEX_OR_EVERY_PLATFORM,
                Outcome.FAIL,
                ReasonCode.SIGNATURE_INVALID),
            new Scenario(
                "multi-arch, every platform signed",
                repo -> {
                  OciContent c = multi.content("v1");
                  for (Image p : multi.images()) {
                    c =
                        c.plus(
                            CosignManifests.signatures(
                                p.digest(),
                                List.of(
                                    Fixtures.cosignRelease().sign(repo, p.digest(), SIGNED_AT))));
                  }
                  return c;
                },
                Fixtures.release(),
                MultiArchRequirement.EVERY_PLATFORM,
                Outcome.PASS,
                ReasonCode.OK),
            new Scenario(
                "multi-arch, index required but platforms signed",
                repo -> {
                  OciContent c = multi.content("v1");
                  for (Image p : multi.images()) {
                    c =
                        c.plus(
                            CosignManifests.signatures(
                                p.digest(),
                                List.of(
                                    Fixtures.cosignRelease().sign(repo, p.digest(), SIGNED_AT))));
                  }
                  return c;
                },
                Fixtures.release(),
                MultiArchRequirement.INDEX,
                Outcome.FAIL,
                ReasonCode.NO_SIGNATURE_FOUND))
        .map(Arguments::of);
  }

  /** What must agree: the checks in order, by id, status and reason (targets name the source). */
  private static List<String> shape(Verdict v) {
    return v.checks().stream()
        .map((CheckResult c) -> c.check().id() + " " + c.status() + " " + c.reason())
        .toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void theLayoutGivesTheRegistrysVerdict(Scenario s) {
    String repo = Fixtures.repository("parity");
    String repository = ref(repo);
    OciContent content = s.content().apply(repository);
    registry.client().push(repo, content);
    Path layout = tmp.resolve("layout");
    OciLayout.write(layout, content);

    VerificationRequest.Image fromRegistry =
        VerificationRequest.image(ImageReference.parse(repository + ":v1"), s.authority())
            .withMultiArch(s.multiArch());
    Verdict registryVerdict = Fixtures.verifier(client()).verify(fromRegistry);
    // The layout ignores registry and repository: the same reference works.
    Verdict layoutVerdict = Fixtures.verifier(OciRegistry.ociLayout(layout)).verify(fromRegistry);

    assertThat(registryVerdict.outcome()).as(describe(registryVerdict)).isEqualTo(s.outcome());
    assertThat(registryVerdict.reason()).as(describe(registryVerdict)).isEqualTo(s.reason());
    assertThat(shape(layoutVerdict))
        .as("layout:\n%s\nregistry:\n%s", describe(layoutVerdict), describe(registryVerdict))
        .isEqualTo(shape(registryVerdict));
    assertThat(layoutVerdict.subject()).isEqualTo(registryVerdict.subject());
  }
}
