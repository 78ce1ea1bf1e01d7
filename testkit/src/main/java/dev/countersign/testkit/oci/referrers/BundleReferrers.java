package dev.countersign.testkit.oci.referrers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.testkit.SignedBundle;
import dev.countersign.testkit.bundle.BundleWriter;
import dev.countersign.testkit.encoding.Bytes;
import dev.countersign.testkit.encoding.Json;
import dev.countersign.testkit.oci.Blob;
import dev.countersign.testkit.oci.Descriptor;
import dev.countersign.testkit.oci.ImageManifest;
import dev.countersign.testkit.oci.JsonStyle;
import dev.countersign.testkit.oci.Manifest;
import dev.countersign.testkit.oci.MediaTypes;
import dev.countersign.testkit.oci.OciAnnotations;
import dev.countersign.testkit.oci.OciContent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Sigstore bundle attached to an image as an OCI 1.1 referrer (cosign {@code BUNDLE_SPEC.md}): an
 * artifact manifest with {@code artifactType} {@code
 * application/vnd.dev.sigstore.bundle.v0.3+json}, the empty config, the bundle as its one layer,
 * the image as {@code subject}, and the {@code dev.sigstore.bundle.content}, {@code
 * dev.sigstore.bundle.predicateType} and {@code org.opencontainers.image.created} annotations.
 * Pushed by digest.
 */
public final class BundleReferrers {
  /** Message-signature bundles' content annotation. */
  public static final String MESSAGE_SIGNATURE = "message-signature";

  /** DSSE bundles' content annotation. */
  public static final String DSSE_ENVELOPE = "dsse-envelope";

  private static final DateTimeFormatter MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /** Whose bytes the manifest reproduces. */
  public enum Publisher {
    /**
     * {@code cosign attest --new-bundle-format}: go-containerregistry order, the config descriptor
     * also carrying the artifact type, a {@code sha256-<hex>.sigstore.json} title on the layer,
     * {@code created} to the second.
     */
    COSIGN,
    /**
     * GitHub's {@code attest-build-provenance} with {@code push-to-registry} (sigstore-js): its
     * member order, no layer annotations, {@code created} to the millisecond.
     */
    GITHUB
  }

  private BundleReferrers() {}

  /**
   * {@code signed} (its {@link SignedBundle#json()} bytes) as a referrer of {@code subject}, the
   * content and predicate type annotations read from the bundle.
   */
  public static OciContent of(
      SignedBundle signed, Descriptor subject, Instant created, Publisher publisher) {
    boolean dsse = signed.bundle().dsseEnvelope() != null;
    String predicateType = null;
    if (dsse) {
      JsonNode statement = Json.parse(signed.bundle().dsseEnvelope().payload().toByteArray());
      predicateType = statement.path("predicateType").asText(null);
    }
    return of(
        Bytes.of(BundleWriter.writeBytes(signed.bundle())),
        dsse ? DSSE_ENVELOPE : MESSAGE_SIGNATURE,
        predicateType,
        subject,
        created,
        publisher);
  }

  /** Bundle bytes written elsewhere as a referrer; {@code predicateType} may be null. */
  public static OciContent of(
      Bytes bundleJson,
      String content,
      String predicateType,
      Descriptor subject,
      Instant created,
      Publisher publisher) {
    Blob bundle = new Blob(MediaTypes.SIGSTORE_BUNDLE_V03, bundleJson);
    Blob empty = Blob.empty();
    Descriptor subjectRef =
        new Descriptor(subject.mediaType(), subject.digest(), subject.size(), Map.of(), null, null);
    Map<String, String> annotations = new LinkedHashMap<>();
    Manifest manifest;
    if (publisher == Publisher.COSIGN) {
      annotations.put(OciAnnotations.CREATED, created.truncatedTo(ChronoUnit.SECONDS).toString());
      annotations.put(OciAnnotations.BUNDLE_CONTENT, content);
      if (predicateType != null) {
        annotations.put(OciAnnotations.BUNDLE_PREDICATE_TYPE, predicateType);
      }
      Descriptor layer =
          bundle
              .descriptor()
              .withAnnotations(
                  Map.of(OciAnnotations.TITLE, bundle.digest().referrersTag() + ".sigstore.json"));
      manifest =
          ImageManifest.of(
                  MediaTypes.OCI_MANIFEST,
                  empty.descriptor().withArtifactType(MediaTypes.SIGSTORE_BUNDLE_V03),
                  List.of(layer))
              .withSubject(subjectRef)
              .withArtifactType(MediaTypes.SIGSTORE_BUNDLE_V03)
              .withAnnotations(annotations)
              .serialize(JsonStyle.GO);
    } else {
      annotations.put(OciAnnotations.CREATED, MILLIS.format(created));
      annotations.put(OciAnnotations.BUNDLE_CONTENT, content);
      if (predicateType != null) {
        annotations.put(OciAnnotations.BUNDLE_PREDICATE_TYPE, predicateType);
      }
      manifest =
          ImageManifest.of(
                  MediaTypes.OCI_MANIFEST, empty.descriptor(), List.of(bundle.descriptor()))
              .withArtifactType(MediaTypes.SIGSTORE_BUNDLE_V03)
              .withSubject(subjectRef)
              .withAnnotations(annotations)
              .serialize(JsonStyle.JAVASCRIPT);
    }
    return OciContent.of(manifest, null, List.of(bundle, empty));
  }
}
