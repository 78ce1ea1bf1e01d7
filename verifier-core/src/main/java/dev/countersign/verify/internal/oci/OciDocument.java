package dev.countersign.verify.internal.oci;

import dev.countersign.verify.oci.Descriptor;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed OCI or Docker manifest or index.
 *
 * @param mediaType the document's media type
 * @param artifactType the manifest's artifactType (OCI 1.1), if any
 * @param config the image config descriptor (manifests only)
 * @param layers the layers (manifests) or the listed manifests (indexes)
 * @param subject the subject (OCI 1.1 referrers), if any
 * @param annotations annotations
 */
public record OciDocument(
    String mediaType,
    Optional<String> artifactType,
    Optional<Descriptor> config,
    List<Descriptor> layers,
    Optional<Descriptor> subject,
    Map<String, String> annotations) {
  public OciDocument {
    layers = List.copyOf(layers);
    annotations = Map.copyOf(annotations);
  }

  public boolean isIndex() {
    return OciMediaTypes.INDEXES.contains(mediaType);
  }
}
