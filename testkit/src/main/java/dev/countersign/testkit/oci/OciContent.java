package dev.countersign.testkit.oci;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a test publishes to one repository: blobs, then manifests in push order (children before the
 * indexes listing them), each under a tag or by digest. Registries and image layouts receive
 * exactly these bytes.
 *
 * @param blobs distinct blobs, in push order
 * @param manifests manifests in push order
 */
public record OciContent(List<Blob> blobs, List<TaggedManifest> manifests) {

  public OciContent {
    Map<Digest, Blob> distinct = new LinkedHashMap<>();
    blobs.forEach(b -> distinct.putIfAbsent(b.digest(), b));
    blobs = List.copyOf(distinct.values());
    manifests = List.copyOf(new LinkedHashSet<>(manifests));
  }

  /** Nothing. */
  public static OciContent empty() {
    return new OciContent(List.of(), List.of());
  }

  /** One manifest under {@code tag} (null: by digest) with the blobs it references. */
  public static OciContent of(Manifest manifest, String tag, List<Blob> blobs) {
    return new OciContent(blobs, List.of(new TaggedManifest(manifest, tag)));
  }

  /** This content followed by {@code other}'s. */
  public OciContent plus(OciContent other) {
    List<Blob> allBlobs = new ArrayList<>(blobs);
    allBlobs.addAll(other.blobs);
    List<TaggedManifest> allManifests = new ArrayList<>(manifests);
    allManifests.addAll(other.manifests);
    return new OciContent(allBlobs, allManifests);
  }

  /** A copy with one more blob. */
  public OciContent withBlob(Blob blob) {
    return plus(new OciContent(List.of(blob), List.of()));
  }

  /** A copy with one more manifest under {@code tag} (null: by digest). */
  public OciContent withManifest(Manifest manifest, String tag) {
    return plus(new OciContent(List.of(), List.of(new TaggedManifest(manifest, tag))));
  }

  /** A copy without the manifests pushed under {@code tag}. */
  public OciContent withoutTag(String tag) {
    List<TaggedManifest> kept = new ArrayList<>(manifests);
    kept.removeIf(m -> tag.equals(m.tag()));
    return new OciContent(blobs, kept);
  }

  /** The manifest pushed under {@code tag}, if any. */
  public Optional<Manifest> tagged(String tag) {
    return manifests.stream()
        .filter(m -> tag.equals(m.tag()))
        .map(TaggedManifest::manifest)
        .findFirst();
  }

  /** The manifests whose {@code subject} is {@code subject}, in push order. */
  public List<Manifest> referrersOf(Digest subject) {
    List<Manifest> referrers = new ArrayList<>();
    for (TaggedManifest m : manifests) {
      Optional<Descriptor> s = m.manifest().subject();
      if (s.isPresent() && s.get().digest().equals(subject) && !referrers.contains(m.manifest())) {
        referrers.add(m.manifest());
      }
    }
    return referrers;
  }

  /**
   * A copy that also carries the referrers tag schema: for every subject that manifests here refer
   * to, an index of those referrers under the tag {@code sha256-<hex>}, replacing any index already
   * under that tag. This is what a client pushes to a registry without the referrers API.
   */
  public OciContent withReferrersTagIndex(JsonStyle style) {
    LinkedHashSet<Digest> subjects = new LinkedHashSet<>();
    manifests.forEach(m -> m.manifest().subject().ifPresent(s -> subjects.add(s.digest())));
    OciContent result = this;
    for (Digest subject : subjects) {
      Manifest index = ImageIndex.referrers(referrersOf(subject)).serialize(style);
      result =
          result.withoutTag(subject.referrersTag()).withManifest(index, subject.referrersTag());
    }
    return result;
  }
}
