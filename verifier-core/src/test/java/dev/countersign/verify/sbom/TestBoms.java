package dev.countersign.verify.sbom;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/** Builds small CycloneDX, SPDX and OpenVEX documents for tests. */
final class TestBoms {
  static final ObjectMapper JSON = new ObjectMapper();

  private TestBoms() {}

  static Builder cyclonedx(String specVersion) {
    return new Builder(specVersion);
  }

  /**
   * A CycloneDX JSON BOM, built field by field; methods after a component or vulnerability amend
   * it.
   */
  static final class Builder {
    final ObjectNode root = JSON.createObjectNode();
    private ObjectNode last;
    private ObjectNode lastVulnerability;

    private Builder(String specVersion) {
      root.put("bomFormat", "CycloneDX").put("specVersion", specVersion).put("version", 1);
    }

    Builder serial(String uuid) {
      root.put("serialNumber", "urn:uuid:" + uuid);
      return this;
    }

    Builder timestamp(String rfc3339) {
      metadata().put("timestamp", rfc3339);
      return this;
    }

    private ObjectNode metadata() {
      return root.has("metadata") ? (ObjectNode) root.get("metadata") : root.putObject("metadata");
    }

    Builder metadataComponent(String type, String name, String version, String purl) {
      last = metadata().putObject("component");
      fill(last, type, "app", name, version, purl);
      return this;
    }

    Builder component(String bomRef, String name, String version, String purl) {
      ArrayNode list =
          root.has("components") ? (ArrayNode) root.get("components") : root.putArray("components");
      last = list.addObject();
      fill(last, "library", bomRef, name, version, purl);
      return this;
    }

    /** A component nested in the last one. */
    Builder nested(String bomRef, String name, String version, String purl) {
      ArrayNode list =
          last.has("components") ? (ArrayNode) last.get("components") : last.putArray("components");
      ObjectNode c = list.addObject();
      fill(c, "library", bomRef, name, version, purl);
      return this;
    }

    private static void fill(
        ObjectNode c, String type, String bomRef, String name, String version, String purl) {
      c.put("type", type);
      if (bomRef != null) {
        c.put("bom-ref", bomRef);
      }
      c.put("name", name);
      if (version != null) {
        c.put("version", version);
      }
      if (purl != null) {
        c.put("purl", purl);
      }
    }

    Builder hash(String alg, String hex) {
      ArrayNode h = last.has("hashes") ? (ArrayNode) last.get("hashes") : last.putArray("hashes");
      h.addObject().put("alg", alg).put("content", hex);
      return this;
    }

    Builder licenseId(String id) {
      licenses().addObject().putObject("license").put("id", id);
      return this;
    }

    Builder licenseName(String name) {
      licenses().addObject().putObject("license").put("name", name);
      return this;
    }

    Builder licenseExpression(String expression) {
      licenses().addObject().put("expression", expression);
      return this;
    }

    private ArrayNode licenses() {
      return last.has("licenses") ? (ArrayNode) last.get("licenses") : last.putArray("licenses");
    }

    Builder vulnerability(String id, String severity, Double score, String affectsRef) {
      ArrayNode list =
          root.has("vulnerabilities")
              ? (ArrayNode) root.get("vulnerabilities")
              : root.putArray("vulnerabilities");
      lastVulnerability = list.addObject();
      lastVulnerability.put("id", id);
      if (severity != null || score != null) {
        ObjectNode r = lastVulnerability.putArray("ratings").addObject();
        if (score != null) {
          r.put("score", score).put("method", "CVSSv31");
        }
        if (severity != null) {
          r.put("severity", severity);
        }
      }
      if (affectsRef != null) {
        lastVulnerability.putArray("affects").addObject().put("ref", affectsRef);
      }
      return this;
    }

    Builder alias(String id) {
      lastVulnerability
          .putArray("references")
          .addObject()
          .put("id", id)
          .putObject("source")
          .put("name", "GitHub");
      return this;
    }

    Builder analysis(String state, String lastUpdated) {
      ObjectNode a = lastVulnerability.putObject("analysis").put("state", state);
      if (lastUpdated != null) {
        a.put("lastUpdated", lastUpdated);
      }
      return this;
    }

    byte[] bytes() {
      return root.toString().getBytes(StandardCharsets.UTF_8);
    }
  }

  /**
   * An SPDX 2.3 document describing one package with a sha256 checksum and purl, plus a dependency.
   */
  static byte[] spdx(String describedName, String sha256, String purl) {
    ObjectNode d = JSON.createObjectNode();
    d.put("spdxVersion", "SPDX-2.3")
        .put("dataLicense", "CC0-1.0")
        .put("SPDXID", "SPDXRef-DOCUMENT");
    d.put("name", describedName).put("documentNamespace", "https://example.com/spdx/app-1");
    d.putObject("creationInfo")
        .put("created", "2025-05-01T10:00:00Z")
        .putArray("creators")
        .add("Tool: test");
    ArrayNode packages = d.putArray("packages");
    ObjectNode app = packages.addObject();
    app.put("SPDXID", "SPDXRef-app").put("name", describedName).put("versionInfo", "1.0");
    app.put("primaryPackagePurpose", "CONTAINER").put("licenseDeclared", "NOASSERTION");
    app.putArray("checksums").addObject().put("algorithm", "SHA256").put("checksumValue", sha256);
    app.putArray("externalRefs")
        .addObject()
        .put("referenceCategory", "PACKAGE-MANAGER")
        .put("referenceType", "purl")
        .put("referenceLocator", purl);
    ObjectNode lib = packages.addObject();
    lib.put("SPDXID", "SPDXRef-lib").put("name", "zlib").put("versionInfo", "1.2.13");
    lib.put("licenseConcluded", "Zlib").put("licenseDeclared", "Zlib");
    ArrayNode rel = d.putArray("relationships");
    rel.addObject()
        .put("spdxElementId", "SPDXRef-DOCUMENT")
        .put("relationshipType", "DESCRIBES")
        .put("relatedSpdxElement", "SPDXRef-app");
    rel.addObject()
        .put("spdxElementId", "SPDXRef-app")
        .put("relationshipType", "CONTAINS")
        .put("relatedSpdxElement", "SPDXRef-lib");
    return d.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** An OpenVEX v0.2.0 document with one statement. */
  static ObjectNode openVex(
      String vulnerability, String productId, String status, String timestamp) {
    ObjectNode d = JSON.createObjectNode();
    d.put("@context", "https://openvex.dev/ns/v0.2.0").put("@id", "https://example.com/vex/1");
    d.put("author", "Acme Security").put("timestamp", timestamp).put("version", 1);
    ObjectNode st = d.putArray("statements").addObject();
    st.putObject("vulnerability").put("name", vulnerability);
    st.putArray("products").addObject().put("@id", productId);
    st.put("status", status);
    if (status.equals("not_affected")) {
      st.put("justification", "vulnerable_code_not_in_execute_path");
    }
    return d;
  }

  static byte[] bytes(ObjectNode node) {
    return node.toString().getBytes(StandardCharsets.UTF_8);
  }
}
