package dev.countersign.report.inventory.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.countersign.report.inventory.ContainerType;
import dev.countersign.report.inventory.Inventory;
import dev.countersign.report.inventory.InventoryException;
import dev.countersign.report.inventory.InventoryException.Reason;
import dev.countersign.report.inventory.RawEvidence;
import dev.countersign.report.inventory.RunningImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads the inventory file format ({@code countersign.dev/inventory/v1}), YAML or JSON. */
public final class InventoryFileReader {
  public static final String SCHEMA = "countersign.dev/inventory/v1";
  private static final long MAX_BYTES = 64L * 1024 * 1024;
  private static final Set<String> TOP = Set.of("schema", "cluster", "items");
  private static final Set<String> ITEM =
      Set.of(
          "image",
          "cluster",
          "namespace",
          "pod",
          "container",
          "containerType",
          "owner",
          "startedAt");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private InventoryFileReader() {}

  public static Inventory read(Path file) {
    byte[] bytes;
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new InventoryException(Reason.INVENTORY_UNREADABLE, file + ": larger than 64 MiB");
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new InventoryException(
          Reason.INVENTORY_UNREADABLE, "cannot read inventory " + file + ": " + e.getMessage(), e);
    }
    JsonNode root;
    try {
      // YAML is a superset of JSON: one parser reads both.
      root = YAML.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw invalid(file, "", "is neither YAML nor JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new InventoryException(
          Reason.INVENTORY_UNREADABLE, "cannot read inventory " + file + ": " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw invalid(file, "", "is not a mapping with schema and items");
    }
    unknownFields(file, root, TOP, "");
    String schema = root.path("schema").asText("");
    if (!SCHEMA.equals(schema)) {
      throw invalid(file, "schema", "must be " + SCHEMA + ", not '" + schema + "'");
    }
    String cluster = text(file, root, "cluster", "");
    JsonNode items = root.get("items");
    if (items == null || !items.isArray()) {
      throw invalid(file, "items", "must be a list");
    }
    if (items.isEmpty()) {
      throw new InventoryException(
          Reason.INVENTORY_EMPTY,
          file + ": items is empty; an inventory that lists nothing is not evidence of anything");
    }
    String source = "file:" + file.getFileName();
    List<RunningImage> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String at = "items[" + i + "]";
      JsonNode item = items.get(i);
      if (!item.isObject()) {
        throw invalid(file, at, "must be a mapping");
      }
      unknownFields(file, item, ITEM, at + ".");
      String image = text(file, item, "image", null);
      if (image == null || image.isBlank()) {
        throw invalid(file, at + ".image", "is required");
      }
      Optional<String> pinned = ImageIds.pinned(image);
      if (pinned.isEmpty()) {
        throw new InventoryException(
            Reason.INVENTORY_NOT_PINNED,
            file
                + ": "
                + at
                + ".image: '"
                + image
                + "' is not pinned by a sha256 digest (registry/repository@sha256:...)");
      }
      String typeKey = text(file, item, "containerType", "container");
      ContainerType type = ContainerType.fromKey(typeKey);
      if (type == null) {
        throw invalid(
            file, at + ".containerType", "must be container, init or ephemeral, not " + typeKey);
      }
      String owner = text(file, item, "owner", "");
      String ownerKind = "";
      String ownerName = "";
      if (!owner.isEmpty()) {
        int slash = owner.indexOf('/');
        if (slash <= 0 || slash == owner.length() - 1) {
          throw invalid(file, at + ".owner", "must be Kind/name, e.g. ReplicaSet/api-7d4b9c");
        }
        ownerKind = owner.substring(0, slash);
        ownerName = owner.substring(slash + 1);
      }
      Optional<Instant> started = Optional.empty();
      String startedAt = text(file, item, "startedAt", "");
      if (!startedAt.isEmpty()) {
        try {
          started = Optional.of(Instant.parse(startedAt));
        } catch (DateTimeParseException e) {
          throw invalid(file, at + ".startedAt", "is not an RFC 3339 UTC time: " + startedAt);
        }
      }
      out.add(
          new RunningImage(
              image,
              pinned,
              text(file, item, "cluster", cluster),
              text(file, item, "namespace", ""),
              text(file, item, "pod", ""),
              text(file, item, "container", ""),
              type,
              ownerKind,
              ownerName,
              started,
              source));
    }
    String name = file.getFileName().toString();
    String mediaType = name.endsWith(".json") ? "application/json" : "application/yaml";
    return new Inventory(
        source, out, List.of(new RawEvidence("inventory-" + safe(name), bytes, mediaType, "")));
  }

  private static String safe(String name) {
    return name.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  private static void unknownFields(Path file, JsonNode node, Set<String> known, String prefix) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!known.contains(f)) {
        throw invalid(file, prefix + f, "is not a field of " + SCHEMA + " (known: " + known + ")");
      }
    }
  }

  private static String text(Path file, JsonNode node, String field, String fallback) {
    JsonNode n = node.get(field);
    if (n == null || n.isNull()) {
      return fallback;
    }
    if (!n.isValueNode()) {
      throw invalid(file, field, "must be a string");
    }
    return n.asText();
  }

  private static InventoryException invalid(Path file, String field, String what) {
    return new InventoryException(
        Reason.INVENTORY_INVALID, file + ": " + (field.isEmpty() ? "" : field + " ") + what);
  }
}
