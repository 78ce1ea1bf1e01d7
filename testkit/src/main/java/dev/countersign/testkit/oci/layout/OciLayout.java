package dev.countersign.testkit.oci.layout;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.testkit.encoding.Bytes;
import dev.countersign.testkit.oci.Blob;
import dev.countersign.testkit.oci.Descriptor;
import dev.countersign.testkit.oci.Digest;
import dev.countersign.testkit.oci.ImageIndex;
import dev.countersign.testkit.oci.JsonStyle;
import dev.countersign.testkit.oci.Manifest;
import dev.countersign.testkit.oci.MediaTypes;
import dev.countersign.testkit.oci.OciAnnotations;
import dev.countersign.testkit.oci.OciContent;
import dev.countersign.testkit.oci.OciJson;
import dev.countersign.testkit.oci.TaggedManifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes and reads OCI image layouts: {@code oci-layout}, every blob and manifest under {@code
 * blobs/sha256/<hex>}, and an {@code index.json} listing each tagged manifest (tag in {@code
 * org.opencontainers.image.ref.name}) and each referrer (listed without a name, so that a reader
 * finds it without a registry's referrers API). Manifests only reachable through an index, such as
 * the platform images of a multi-architecture image, are not listed.
 */
public final class OciLayout {
  /** The {@code oci-layout} file content. */
  public static final String LAYOUT_VERSION = "{\"imageLayoutVersion\":\"1.0.0\"}";

  private OciLayout() {}

  /**
   * Writes {@code content} into {@code directory} (created if needed). An existing {@code
   * index.json} is kept and extended; an entry with the same name or digest is replaced.
   */
  public static void write(Path directory, OciContent content) {
    try {
      Path blobs = directory.resolve("blobs").resolve("sha256");
      Files.createDirectories(blobs);
      Files.writeString(directory.resolve("oci-layout"), LAYOUT_VERSION);
      for (Blob blob : content.blobs()) {
        writeBlob(blobs, blob.digest(), blob.content());
      }
      List<Descriptor> entries = new ArrayList<>(existingEntries(directory));
      for (TaggedManifest tagged : content.manifests()) {
        Manifest manifest = tagged.manifest();
        writeBlob(blobs, manifest.digest(), manifest.content());
        Descriptor entry = manifest.descriptor();
        if (tagged.tag() != null) {
          entry = entry.withAnnotations(Map.of(OciAnnotations.REF_NAME, tagged.tag()));
          String tag = tagged.tag();
          entries.removeIf(e -> tag.equals(e.annotations().get(OciAnnotations.REF_NAME)));
        } else if (manifest.subject().isPresent()) {
          entry = entry.withArtifactType(manifest.artifactType());
          entries.removeIf(e -> e.digest().equals(manifest.digest()) && e.annotations().isEmpty());
        } else {
          continue;
        }
        entries.add(entry);
      }
      Manifest index = ImageIndex.of(MediaTypes.OCI_INDEX, entries).serialize(JsonStyle.GO);
      Files.write(directory.resolve("index.json"), index.content().toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads every manifest listed in {@code index.json} (tags from their ref names) with the
   * manifests and blobs they reference, children before the indexes listing them, each checked
   * against its digest. Pushing the result reproduces the layout's bytes in a registry.
   */
  public static OciContent read(Path directory) {
    JsonNode index = OciJson.parse(readFile(directory.resolve("index.json")));
    OciContent content = OciContent.empty();
    for (JsonNode entry : index.path("manifests")) {
      Descriptor descriptor = Descriptor.fromJson(entry);
      content =
          content.plus(
              readManifest(
                  directory, descriptor, descriptor.annotations().get(OciAnnotations.REF_NAME)));
    }
    return content;
  }

  private static OciContent readManifest(Path directory, Descriptor descriptor, String tag) {
    Manifest manifest =
        new Manifest(descriptor.mediaType(), readBlob(directory, descriptor.digest()));
    JsonNode json = manifest.json();
    OciContent content = OciContent.empty();
    if (manifest.isIndex()) {
      for (JsonNode child : json.path("manifests")) {
        content = content.plus(readManifest(directory, Descriptor.fromJson(child), null));
      }
    } else {
      List<JsonNode> referenced = new ArrayList<>();
      referenced.add(json.path("config"));
      json.path("layers").forEach(referenced::add);
      for (JsonNode node : referenced) {
        Descriptor blob = Descriptor.fromJson(node);
        content = content.withBlob(new Blob(blob.mediaType(), readBlob(directory, blob.digest())));
      }
    }
    return content.withManifest(manifest, tag);
  }

  private static Bytes readBlob(Path directory, Digest digest) {
    Bytes content =
        readFile(directory.resolve("blobs").resolve(digest.algorithm()).resolve(digest.hex()));
    if (!Digest.sha256(content).equals(digest)) {
      throw new IllegalStateException("blob " + digest + " does not match its content");
    }
    return content;
  }

  private static List<Descriptor> existingEntries(Path directory) {
    Path index = directory.resolve("index.json");
    if (!Files.exists(index)) {
      return List.of();
    }
    List<Descriptor> entries = new ArrayList<>();
    OciJson.parse(readFile(index))
        .path("manifests")
        .forEach(e -> entries.add(Descriptor.fromJson(e)));
    return entries;
  }

  private static void writeBlob(Path blobs, Digest digest, Bytes content) throws IOException {
    Path file = blobs.resolve(digest.hex());
    if (!Files.exists(file)) {
      Files.write(file, content.toByteArray());
    }
  }

  private static Bytes readFile(Path file) {
    try {
      return Bytes.of(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
