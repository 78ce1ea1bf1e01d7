package dev.countersign.verify.it;

import static dev.countersign.verify.it.Fixtures.SIGNED_AT;
import static dev.countersign.verify.it.Fixtures.assertPass;
import static dev.countersign.verify.it.Fixtures.assertVerdict;
import static dev.countersign.verify.it.Fixtures.checks;
import static dev.countersign.verify.it.Fixtures.describe;
import static dev.countersign.verify.it.Fixtures.passed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.testkit.oci.Digest;
import dev.countersign.testkit.oci.Image;
import dev.countersign.testkit.oci.ManifestFormat;
import dev.countersign.testkit.oci.MultiArchImage;
import dev.countersign.testkit.oci.OciContent;
import dev.countersign.testkit.oci.Platform;
import dev.countersign.testkit.oci.RandomImages;
import dev.countersign.testkit.oci.cosign.CosignManifests;
import dev.countersign.verify.VerificationRequest;
import dev.countersign.verify.oci.ImageReference;
import dev.countersign.verify.oci.MultiArchRequirement;
import dev.countersign.verify.verdict.CheckId;
import dev.countersign.verify.verdict.CheckResult;
import dev.countersign.verify.verdict.Outcome;
import dev.countersign.verify.verdict.ReasonCode;
import dev.countersign.verify.verdict.Status;
import dev.countersign.verify.verdict.Verdict;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Multi-platform images (OCI index and Docker manifest list) signed at the index, at every
 * platform, or at some platforms only, against each {@link MultiArchRequirement}. The verdict names
 * every digest it evaluated.
 */
class MultiArchIT extends RegistryTestBase {
  private final RandomImages images = RandomImages.create();

  /** Which digests carry a release signature. */
  enum Signed {
    INDEX,
    EVERY_PLATFORM,
    ONE_PLATFORM,
    NOTHING
  }

  private String publish(String repo, MultiArchImage image, Signed signed, ManifestFormat format) {
    String repository = ref(repo);
    OciContent content = image.content("v1");
    List<Digest> toSign =
        switch (signed) {
          case INDEX -> List.of(image.digest());
          case EVERY_PLATFORM -> image.images().stream().map(Image::digest).toList();
          case ONE_PLATFORM -> List.of(image.images().get(0).digest());
          case NOTHING -> List.of();
        };
    for (Digest d : toSign) {
      content =
          content.plus(
              CosignManifests.signatures(
                  d, List.of(Fixtures.cosignRelease().sign(repository, d, SIGNED_AT)), format));
    }
    registry.client().push(repo, content);
    return repository + ":v1";
  }

  private Verdict verify(String ref, MultiArchRequirement requirement) {
    return Fixtures.verifier(client())
        .verify(
            VerificationRequest.image(ImageReference.parse(ref), Fixtures.release())
                .withMultiArch(requirement));
  }

  /**
   * The digests the verdict says it looked for evidence of: every evaluated digest has an
   * evidence-discovery check whose target is pinned to it.
   */
  private static Set<String> evaluated(Verdict v) {
    return checks(v, CheckId.EVIDENCE_DISCOVERY).stream()
        .map(c -> c.target().substring(c.target().lastIndexOf('@') + 1))
        .collect(Collectors.toSet());
  }

  /** The digests whose signature verified. */
  private static Set<String> verified(Verdict v) {
    return checks(v, CheckId.IMAGE_SIGNATURE).stream()
        .filter(c -> c.status() == Status.PASS)
        .map(c -> c.evidence().get("image.digest"))
        .collect(Collectors.toSet());
  }

  private static Set<String> digests(MultiArchImage image) {
    return image.images().stream().map(i -> i.digest().toString()).collect(Collectors.toSet());
  }

  @ParameterizedTest
  @EnumSource(
      value = ManifestFormat.class,
      names = {"OCI", "DOCKER_V2"})
  void anIndexSignatureSatisfiesIndexAndEitherButNotEveryPlatform(ManifestFormat format) {
    MultiArchImage image = images.multiArch(format, Platform.LINUX_AMD64, Platform.LINUX_ARM64);
    String ref = publish(Fixtures.repository("index-signed"), image, Signed.INDEX, format);

    Verdict index = verify(ref, MultiArchRequirement.INDEX);
    assertPass(index);
    assertThat(verified(index)).containsExactly(image.digest().toString());
    assertThat(evaluated(index)).containsExactly(image.digest().toString());
    CheckResult resolve = passed(index, CheckId.IMAGE_RESOLVE);
    assertThat(resolve.evidence().get("image.digest")).isEqualTo(image.digest().toString());
    assertThat(resolve.evidence().get("image.mediaType")).isEqualTo(image.index().mediaType());
    for (Image platform : image.images()) {
      assertThat(resolve.evidence().get("image.platforms"))
          .contains(platform.platform().toString() + "=" + platform.digest());
    }

    Verdict either = verify(ref, MultiArchRequirement.INDEX_OR_EVERY_PLATFORM);
    assertPass(either);
    assertThat(verified(either)).containsExactly(image.digest().toString());

    Verdict every = verify(ref, MultiArchRequirement.EVERY_PLATFORM);
    assertVerdict(every, Outcome.FAIL, ReasonCode.NO_SIGNATURE_FOUND);
    assertThat(evaluated(every)).as(describe(every)).isEqualTo(digests(image));
  }

  @ParameterizedTest
  @EnumSource(
      value = ManifestFormat.class,
      names = {"OCI", "DOCKER_V2"})
  void everyPlatformSignedSatisfiesEveryAndEitherButNotIndex(ManifestFormat format) {
    MultiArchImage image =
        images.multiArch(format, Platform.LINUX_AMD64, Platform.LINUX_ARM64, Platform.LINUX_ARM_V7);
    String ref =
        publish(Fixtures.repository("platforms-signed"), image, Signed.EVERY_PLATFORM, format);

    Verdict every = verify(ref, MultiArchRequirement.EVERY_PLATFORM);
    assertPass(every);
    assertThat(verified(every)).as(describe(every)).isEqualTo(digests(image));
    assertThat(evaluated(every)).as(describe(every)).isEqualTo(digests(image));

    Verdict either = verify(ref, MultiArchRequirement.INDEX_OR_EVERY_PLATFORM);
    assertPass(either);
    assertThat(verified(either)).as(describe(either)).isEqualTo(digests(image));
    assertThat(evaluated(either)).as(describe(either)).containsAll(digests(image));

    Verdict index = verify(ref, MultiArchRequirement.INDEX);
    assertVerdict(index, Outcome.FAIL, ReasonCode.NO_SIGNATURE_FOUND);
    assertThat(evaluated(index)).containsExactly(image.digest().toString());
  }

  /**
   * "Either" on an image signed at every platform but not at the index: the index was searched
   * first and found unsigned, then every platform passed. The verdict should record both.
   */
  @Test
  void eitherRecordsTheUnsignedIndexItTriedFirst() {
    MultiArchImage image =
        images.multiArch(ManifestFormat.OCI, Platform.LINUX_AMD64, Platform.LINUX_ARM64);
    String ref =
        publish(
            Fixtures.repository("either-trail"), image, Signed.EVERY_PLATFORM, ManifestFormat.OCI);
    Verdict either = verify(ref, MultiArchRequirement.INDEX_OR_EVERY_PLATFORM);
    assertPass(either);
    Set<String> all = new java.util.HashSet<>(digests(image));
    all.add(image.digest().toString());
    assertThat(evaluated(either)).as(describe(either)).isEqualTo(all);
  }

  @ParameterizedTest
  @EnumSource(MultiArchRequirement.class)
  void onePlatformSignedIsNeverEnough(MultiArchRequirement requirement) {
    MultiArchImage image =
        images.multiArch(ManifestFormat.OCI, Platform.LINUX_AMD64, Platform.LINUX_ARM64);
    String ref =
        publish(Fixtures.repository("one-signed"), image, Signed.ONE_PLATFORM, ManifestFormat.OCI);
    Verdict v = verify(ref, requirement);
    assertVerdict(v, Outcome.FAIL, ReasonCode.NO_SIGNATURE_FOUND);
    String signed = image.images().get(0).digest().toString();
    String unsigned = image.images().get(1).digest().toString();
    // The decisive check names a digest without a signature: the platform one, or the index when
    // the index is (also) acceptable, since it is tried first.
    String missing =
        requirement == MultiArchRequirement.EVERY_PLATFORM ? unsigned : image.digest().toString();
    assertThat(v.decisive().orElseThrow().target()).as(describe(v)).endsWith("@" + missing);
    Set<String> expected =
        switch (requirement) {
          case INDEX -> Set.of(image.digest().toString());
          case EVERY_PLATFORM -> Set.of(signed, unsigned);
          case INDEX_OR_EVERY_PLATFORM -> Set.of(image.digest().toString(), signed, unsigned);
        };
    assertThat(evaluated(v)).as(describe(v)).isEqualTo(expected);
    if (requirement != MultiArchRequirement.INDEX) {
      // The signed platform was evaluated and passed; the other failed (checked above).
      assertThat(verified(v)).containsExactly(signed);
    }
  }

  @ParameterizedTest
  @EnumSource(MultiArchRequirement.class)
  void anUnsignedIndexFailsEveryRequirement(MultiArchRequirement requirement) {
    MultiArchImage image =
        images.multiArch(ManifestFormat.OCI, Platform.LINUX_AMD64, Platform.LINUX_ARM64);
    String ref =
        publish(Fixtures.repository("none-signed"), image, Signed.NOTHING, ManifestFormat.OCI);
    Verdict v = verify(ref, requirement);
    assertVerdict(v, Outcome.FAIL, ReasonCode.NO_SIGNATURE_FOUND);
    Set<String> expected =
        switch (requirement) {
          case INDEX -> Set.of(image.digest().toString());
          case EVERY_PLATFORM -> digests(image);
          case INDEX_OR_EVERY_PLATFORM -> {
            Set<String> all = new java.util.HashSet<>(digests(image));
            all.add(image.digest().toString());
            yield all;
          }
        };
    assertThat(evaluated(v)).as(describe(v)).isEqualTo(expected);
  }

  @ParameterizedTest
  @EnumSource(MultiArchRequirement.class)
  void aPlatformImageByItselfIsASinglePlatformImage(MultiArchRequirement requirement) {
    MultiArchImage image =
        images.multiArch(ManifestFormat.OCI, Platform.LINUX_AMD64, Platform.LINUX_ARM64);
    String repo = Fixtures.repository("platform-direct");
    publish(repo, image, Signed.EVERY_PLATFORM, ManifestFormat.OCI);
    Image arm = image.image(Platform.LINUX_ARM64);
    Verdict v = verify(ref(repo) + "@" + arm.digest(), requirement);
    assertPass(v);
    assertThat(verified(v)).containsExactly(arm.digest().toString());
    assertThat(evaluated(v)).containsExactly(arm.digest().toString());
  }
}
