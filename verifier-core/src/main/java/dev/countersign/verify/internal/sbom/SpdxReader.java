package dev.countersign.verify.internal.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.verify.internal.sbom.SbomReader.Result;
import dev.countersign.verify.sbom.Sbom;
import dev.countersign.verify.sbom.SbomComponent;
import dev.countersign.verify.sbom.SbomComponent.License;
import dev.countersign.verify.sbom.SbomFormat;
import dev.countersign.verify.sbom.SbomValidation;
import dev.countersign.verify.verdict.ReasonCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * SPDX 2.x JSON, read for presence, summary and subject binding: the document fields the SPDX
 * specification requires, the packages, and the package(s) the document DESCRIBES (through {@code
 * documentDescribes} or DESCRIBES / DESCRIBED_BY relationships) with their checksums and purl.
 */
final class SpdxReader {
  private static final Pattern VERSION = Pattern.compile("SPDX-2\\.[0-9]+");
  private static final String SCHEMA = "SPDX 2 JSON document rules";

  private SpdxReader() {}

  static Result read(JsonNode root) {
    Fields f = new Fields(ReasonCode.SBOM_INVALID);
    Optional<String> version = f.text(root, "spdxVersion", "", true);
    Optional<SbomFormat> format = Optional.of(SbomFormat.SPDX_JSON);
    if (version.isPresent() && !VERSION.matcher(version.get()).matches()) {
      return SbomReader.failed(
          format,
          version.get(),
          "",
          ReasonCode.SBOM_INVALID,
          "spdxVersion",
          "SPDX version " + Texts.quote(version.get()) + " is not supported (supported: SPDX-2.x)");
    }
    String documentId = f.text(root, "SPDXID", "", true).orElse("SPDXRef-DOCUMENT");
    f.text(root, "name", "", true);
    Optional<String> namespace = f.text(root, "documentNamespace", "", true);
    JsonNode creation = root.get("creationInfo");
    Optional<Instant> created = Optional.empty();
    if (creation == null || creation.isNull()) {
      f.problem("creationInfo", "required field is missing");
    } else if (f.isObject(creation, "creationInfo")) {
      created = f.timestamp(creation, "created", "creationInfo", true);
    }
    Map<String, SbomComponent> packages = new LinkedHashMap<>();
    List<JsonNode> list = f.array(root, "packages", "");
    for (int i = 0; i < list.size(); i++) {
      String at = Fields.index("packages", i);
      if (f.isObject(list.get(i), at)) {
        SbomComponent c = pack(f, list.get(i), at);
        c.bomRef().ifPresent(id -> packages.put(id, c));
      }
    }
    Set<String> described = new LinkedHashSet<>();
    List<JsonNode> describes = f.array(root, "documentDescribes", "");
    for (int i = 0; i < describes.size(); i++) {
      if (describes.get(i).isTextual()) {
        described.add(describes.get(i).textValue());
      } else {
        f.problem(Fields.index("documentDescribes", i), "must be a string");
      }
    }
    List<JsonNode> relationships = f.array(root, "relationships", "");
    for (int i = 0; i < relationships.size(); i++) {
      String at = Fields.index("relationships", i);
      JsonNode r = relationships.get(i);
      if (!f.isObject(r, at)) {
        continue;
      }
      Optional<String> from = f.text(r, "spdxElementId", at, true);
      Optional<String> type = f.text(r, "relationshipType", at, true);
      Optional<String> to = f.text(r, "relatedSpdxElement", at, true);
      if (from.isPresent() && type.isPresent() && to.isPresent()) {
        if (type.get().equals("DESCRIBES") && from.get().equals(documentId)) {
          described.add(to.get());
        } else if (type.get().equals("DESCRIBED_BY") && to.get().equals(documentId)) {
          described.add(from.get());
        }
      }
    }
    if (!f.problems().isEmpty()) {
      return new SbomReader.Result(
          new SbomValidation(format, version.orElse(""), SCHEMA, f.problems()), null);
    }
    Optional<SbomComponent> subject =
        described.stream().map(packages::get).filter(p -> p != null).findFirst();
    List<SbomComponent> others = new ArrayList<>();
    packages.forEach(
        (id, p) -> {
          if (!described.contains(id)) {
            others.add(p);
          }
        });
    Sbom sbom =
        new Sbom(
            SbomFormat.SPDX_JSON,
            version.get(),
            namespace,
            created,
            subject,
            others,
            List.of(),
            relationships.size());
    return new SbomReader.Result(
        new SbomValidation(format, version.get(), SCHEMA, List.of()), sbom);
  }

  private static SbomComponent pack(Fields f, JsonNode p, String at) {
    Optional<String> id = f.text(p, "SPDXID", at, true);
    String name = f.text(p, "name", at, true).orElse("");
    Optional<String> version = f.text(p, "versionInfo", at, false);
    Map<String, String> hashes = new LinkedHashMap<>();
    List<JsonNode> checksums = f.array(p, "checksums", at);
    for (int i = 0; i < checksums.size(); i++) {
      String cat = Fields.index(Fields.join(at, "checksums"), i);
      if (f.isObject(checksums.get(i), cat)) {
        Optional<String> alg = f.text(checksums.get(i), "algorithm", cat, true);
        Optional<String> value = f.text(checksums.get(i), "checksumValue", cat, true);
        if (alg.isPresent() && value.isPresent()) {
          hashes.put(Hashes.algorithm(alg.get()), Hashes.hex(value.get()));
        }
      }
    }
    Optional<String> purl = Optional.empty();
    List<JsonNode> refs = f.array(p, "externalRefs", at);
    for (int i = 0; i < refs.size(); i++) {
      String rat = Fields.index(Fields.join(at, "externalRefs"), i);
      if (f.isObject(refs.get(i), rat)) {
        Optional<String> type = f.text(refs.get(i), "referenceType", rat, true);
        Optional<String> locator = f.text(refs.get(i), "referenceLocator", rat, true);
        if (purl.isEmpty() && type.isPresent() && type.get().equals("purl")) {
          purl = locator;
        }
      }
    }
    List<License> licenses = new ArrayList<>();
    Optional<String> concluded = meaningful(f.text(p, "licenseConcluded", at, false));
    Optional<String> declared = meaningful(f.text(p, "licenseDeclared", at, false));
    concluded.or(() -> declared).ifPresent(l -> licenses.add(license(l)));
    String type =
        f.text(p, "primaryPackagePurpose", at, false)
            .map(s -> s.toLowerCase(Locale.ROOT).replace('_', '-'))
            .orElse("package");
    return new SbomComponent(id, type, Optional.empty(), name, version, purl, licenses, hashes);
  }

  /** NOASSERTION and NONE say nothing about a licence. */
  private static Optional<String> meaningful(Optional<String> l) {
    return l.map(String::trim)
        .filter(s -> !s.isEmpty() && !s.equals("NOASSERTION") && !s.equals("NONE"));
  }

  private static License license(String value) {
    boolean expression = value.contains(" ") || value.contains("(");
    return new License(expression ? License.Kind.EXPRESSION : License.Kind.ID, value);
  }
}
