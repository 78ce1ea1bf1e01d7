package dev.countersign.verify.internal.oci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.verify.Digest;
import dev.countersign.verify.internal.json.Json;
import dev.countersign.verify.internal.json.JsonFormatException;
import dev.countersign.verify.oci.Descriptor;
import dev.countersign.verify.oci.Platform;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Strict parsing of OCI/Docker manifests and indexes. */
public final class OciDocuments {
  /** More entries than this in one manifest or index is treated as malformed. */
  static final int MAX_ENTRIES = 1024;

  private OciDocuments() {}

  /**
   * Parses a manifest or index. The media type is the document's own {@code mediaType}, falling
   * back to the one the registry declared.
   */
  public static OciDocument parse(byte[] json, String declaredMediaType)
      throws JsonFormatException {
    JsonNode root = Json.parseObject(json, "manifest");
    String mediaType = Json.optionalString(root, "mediaType", "");
    if (mediaType == null) {
      mediaType = declaredMediaType;
    }
    if (mediaType == null
        || !(OciMediaTypes.INDEXES.contains(mediaType)
            || OciMediaTypes.MANIFESTS.contains(mediaType))) {
      throw new JsonFormatException(
          "mediaType", "not an OCI or Docker manifest or index: " + mediaType);
    }
    Long schema = Json.optionalInt64(root, "schemaVersion", "");
    if (schema == null || schema != 2) {
      throw new JsonFormatException("schemaVersion", "schemaVersion must be 2");
    }
    boolean index = OciMediaTypes.INDEXES.contains(mediaType);
    List<Descriptor> entries = descriptors(root, index ? "manifests" : "layers");
    Optional<Descriptor> config = Optional.empty();
    if (!index) {
      JsonNode c = Json.object(root, "config", "");
      config = Optional.of(descriptor(c, "config"));
    }
    JsonNode subject = Json.optionalObject(root, "subject", "");
    return new OciDocument(
        mediaType,
        Optional.ofNullable(Json.optionalString(root, "artifactType", "")),
        config,
        entries,
        subject == null ? Optional.empty() : Optional.of(descriptor(subject, "subject")),
        annotations(root, ""));
  }

  private static List<Descriptor> descriptors(JsonNode root, String field)
      throws JsonFormatException {
    JsonNode arr = Json.optionalArray(root, field, "");
    List<Descriptor> out = new ArrayList<>();
    if (arr == null) {
      return out;
    }
    if (arr.size() > MAX_ENTRIES) {
      throw new JsonFormatException(field, "more than " + MAX_ENTRIES + " entries");
    }
    for (int i = 0; i < arr.size(); i++) {
      out.add(descriptor(arr.get(i), Json.index(field, i)));
    }
    return out;
  }

  /** Parses one descriptor object. */
  public static Descriptor descriptor(JsonNode d, String path) throws JsonFormatException {
    if (!d.isObject()) {
      throw new JsonFormatException(path, "descriptor must be an object");
    }
    String mediaType = Json.string(d, "mediaType", path);
    String digestText = Json.string(d, "digest", path);
    Digest digest =
        Digest.tryParse(digestText)
            .orElseThrow(
                () ->
                    new JsonFormatException(
                        Json.join(path, "digest"), "invalid digest " + digestText));
    long size = Json.int64(d, "size", path);
    if (size < 0) {
      throw new JsonFormatException(Json.join(path, "size"), "size must not be negative");
    }
    JsonNode p = Json.optionalObject(d, "platform", path);
    Optional<Platform> platform = Optional.empty();
    if (p != null) {
      platform =
          Optional.of(
              new Platform(
                  Json.string(p, "os", Json.join(path, "platform")),
                  Json.string(p, "architecture", Json.join(path, "platform")),
                  Optional.ofNullable(
                      Json.optionalString(p, "variant", Json.join(path, "platform")))));
    }
    return new Descriptor(
        mediaType,
        digest,
        size,
        Optional.ofNullable(Json.optionalString(d, "artifactType", path)),
        annotations(d, path),
        platform);
  }

  private static Map<String, String> annotations(JsonNode node, String path)
      throws JsonFormatException {
    JsonNode a = Json.optionalObject(node, "annotations", path);
    Map<String, String> out = new LinkedHashMap<>();
    if (a == null) {
      return out;
    }
    Iterator<Map.Entry<String, JsonNode>> it = a.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isTextual()) {
        throw new JsonFormatException(
            Json.join(Json.join(path, "annotations"), e.getKey()), "annotation values are strings");
      }
      out.put(e.getKey(), e.getValue().textValue());
    }
    return out;
  }
}
