package dev.countersign.verify.internal.oci;

import dev.countersign.verify.Digest;
import dev.countersign.verify.internal.json.JsonFormatException;
import dev.countersign.verify.internal.registry.ManifestDocument;
import dev.countersign.verify.internal.registry.MediaTypes;
import dev.countersign.verify.oci.Descriptor;
import dev.countersign.verify.oci.EvidenceLocation;
import dev.countersign.verify.oci.EvidenceSource;
import dev.countersign.verify.oci.FetchedManifest;
import dev.countersign.verify.oci.ImageReference;
import dev.countersign.verify.oci.OciRegistry;
import dev.countersign.verify.oci.RegistryException;
import dev.countersign.verify.oci.ResolvedImage;
import dev.countersign.verify.oci.StoredEvidence;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds evidence the way cosign and OCI 1.1 store it: classic {@code sha256-<hex>.sig} and {@code
 * .att} tags, and referrers (the referrers API, else the {@code sha256-<hex>} tag index). Only what
 * a location holds is fetched, so callers can stop at the first location that satisfies them.
 */
public final class OciEvidenceSource implements EvidenceSource {
  /** Evidence items read from one location at most; more is treated as this many. */
  static final int MAX_ITEMS = 64;

  private final OciRegistry registry;

  public OciEvidenceSource(OciRegistry registry) {
    this.registry = registry;
  }

  @Override
  public ResolvedImage resolve(ImageReference image) throws RegistryException {
    FetchedManifest m = registry.manifest(image);
    ManifestDocument doc = parse(m, image.toString());
    List<Descriptor> platforms = new ArrayList<>();
    if (MediaTypes.isIndex(doc.mediaType())) {
      for (Descriptor d : entries(doc)) {
        // Build tools list attestation manifests as platform "unknown/unknown"; they are not
        // images.
        boolean attestation =
            d.platform().map(p -> p.os().equals("unknown")).orElse(false)
                || d.annotation("vnd.docker.reference.type").isPresent();
        if (!attestation) {
          platforms.add(d);
        }
      }
    }
    return new ResolvedImage(image.resolvedTo(m.digest()), doc.mediaType(), platforms);
  }

  @Override
  public List<StoredEvidence> discover(
      ImageReference image, Optional<String> signatureRepository, EvidenceLocation where)
      throws RegistryException {
    Digest digest =
        image.digest().orElseThrow(() -> new IllegalArgumentException("image must be pinned"));
    ImageReference repo = repository(image, signatureRepository);
    String tagBase = digest.algorithm() + "-" + digest.hex();
    switch (where) {
      case SIGNATURE_TAG:
        return fromTag(
            repo,
            tagBase + ".sig",
            OciMediaTypes.COSIGN_SIMPLE_SIGNING,
            StoredEvidence.Kind.COSIGN_SIGNATURE);
      case ATTESTATION_TAG:
        return fromTag(
            repo,
            tagBase + ".att",
            OciMediaTypes.DSSE_ENVELOPE,
            StoredEvidence.Kind.COSIGN_ATTESTATION);
      default:
        return referrers(repo, digest, tagBase);
    }
  }

  private List<StoredEvidence> fromTag(
      ImageReference repo, String tag, String layerType, StoredEvidence.Kind kind)
      throws RegistryException {
    ImageReference ref = repo.atTag(tag);
    Optional<FetchedManifest> m = registry.manifestIfPresent(ref);
    if (m.isEmpty()) {
      return List.of();
    }
    ManifestDocument doc = parse(m.get(), ref.toString());
    return layers(repo, doc, layerType, kind, ref.toString(), Optional.empty());
  }

  private List<StoredEvidence> layers(
      ImageReference repo,
      ManifestDocument doc,
      String layerType,
      StoredEvidence.Kind kind,
      String where,
      Optional<String> predicateType)
      throws RegistryException {
    List<StoredEvidence> out = new ArrayList<>();
    List<Descriptor> layers = entries(doc);
    for (int i = 0; i < layers.size() && out.size() < MAX_ITEMS; i++) {
      Descriptor layer = layers.get(i);
      if (!layer.mediaType().equals(layerType)) {
        continue;
      }
      byte[] blob = registry.blob(repo, layer);
      out.add(
          new StoredEvidence(
              kind, where + " layer " + i, blob, layer.annotations(), predicateType));
    }
    return out;
  }

  private List<StoredEvidence> referrers(ImageReference repo, Digest subject, String tagBase)
      throws RegistryException {
    Optional<List<Descriptor>> listed = registry.referrers(repo, subject);
    List<Descriptor> referrers;
    if (listed.isPresent()) {
      referrers = listed.get();
    } else {
      // No referrers API: the referrers tag schema keeps the list as an index under sha256-<hex>.
      ImageReference tagRef = repo.atTag(tagBase);
      Optional<FetchedManifest> index = registry.manifestIfPresent(tagRef);
      if (index.isEmpty()) {
        return List.of();
      }
      ManifestDocument doc = parse(index.get(), tagRef.toString());
      if (!MediaTypes.isIndex(doc.mediaType())) {
        throw new RegistryException(
            RegistryException.Kind.MALFORMED,
            tagRef.toString(),
            "the referrers tag " + tagRef + " is not an index");
      }
      referrers = entries(doc);
    }
    List<StoredEvidence> out = new ArrayList<>();
    for (Descriptor r : referrers) {
      if (out.size() >= MAX_ITEMS) {
        break;
      }
      String type = r.artifactType().orElse("");
      boolean bundle = type.startsWith(OciMediaTypes.SIGSTORE_BUNDLE_PREFIX);
      boolean cosign =
          type.equals(OciMediaTypes.COSIGN_SIGNATURE_ARTIFACT)
              || type.equals(OciMediaTypes.COSIGN_ATTESTATION_ARTIFACT);
      if (!bundle && !cosign) {
        continue; // SBOMs and other artifacts nobody signed for us: not evidence here
      }
      ImageReference ref = repo.atDigest(r.digest());
      ManifestDocument doc = parse(registry.manifest(ref), ref.toString());
      if (doc.subject().isEmpty() || !doc.subject().get().digest().matches(subject)) {
        continue; // a listing may be stale or forged; only manifests naming this image count
      }
      String where = ref + " (referrer)";
      Optional<String> predicate =
          r.annotation(OciMediaTypes.ANNOTATION_BUNDLE_PREDICATE)
              .or(
                  () ->
                      Optional.ofNullable(
                          doc.annotations().get(OciMediaTypes.ANNOTATION_BUNDLE_PREDICATE)));
      if (bundle) {
        for (Descriptor layer : entries(doc)) {
          if (layer.mediaType().startsWith(OciMediaTypes.SIGSTORE_BUNDLE_PREFIX)) {
            out.add(
                new StoredEvidence(
                    StoredEvidence.Kind.SIGSTORE_BUNDLE,
                    where,
                    registry.blob(repo, layer),
                    layer.annotations(),
                    predicate));
            break;
          }
        }
      } else {
        out.addAll(
            layers(
                repo,
                doc,
                OciMediaTypes.COSIGN_SIMPLE_SIGNING,
                StoredEvidence.Kind.COSIGN_SIGNATURE,
                where,
                predicate));
        out.addAll(
            layers(
                repo,
                doc,
                OciMediaTypes.DSSE_ENVELOPE,
                StoredEvidence.Kind.COSIGN_ATTESTATION,
                where,
                predicate));
      }
    }
    return out;
  }

  /** An index's manifests, or an image manifest's layers. */
  private static List<Descriptor> entries(ManifestDocument doc) {
    return MediaTypes.isIndex(doc.mediaType()) ? doc.manifests() : doc.layers();
  }

  private static ManifestDocument parse(FetchedManifest m, String where) throws RegistryException {
    try {
      return ManifestDocument.parse(m.bytes(), m.mediaType());
    } catch (JsonFormatException e) {
      throw new RegistryException(
          RegistryException.Kind.MALFORMED,
          where,
          "malformed manifest at " + where + ": " + e.getMessage(),
          e);
    }
  }

  private static ImageReference repository(
      ImageReference image, Optional<String> signatureRepository) {
    if (signatureRepository.isEmpty()) {
      return image;
    }
    ImageReference other = ImageReference.parse(signatureRepository.get() + ":x");
    return image.inRepository(other.registry(), other.repository());
  }
}
