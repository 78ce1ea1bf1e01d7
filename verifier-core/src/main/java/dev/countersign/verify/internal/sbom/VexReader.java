package dev.countersign.verify.internal.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.verify.EvidenceFormatException;
import dev.countersign.verify.sbom.Sbom;
import dev.countersign.verify.sbom.SbomComponent;
import dev.countersign.verify.sbom.SbomValidation.Problem;
import dev.countersign.verify.sbom.SbomVulnerability;
import dev.countersign.verify.sbom.VexDocument;
import dev.countersign.verify.sbom.VexStatement;
import dev.countersign.verify.sbom.VexStatement.Product;
import dev.countersign.verify.sbom.VexStatus;
import dev.countersign.verify.verdict.ReasonCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads OpenVEX and CycloneDX VEX documents into {@link VexDocument}. */
public final class VexReader {
  private static final Set<VexStatus> OPENVEX_STATUSES =
      Set.of(
          VexStatus.NOT_AFFECTED,
          VexStatus.AFFECTED,
          VexStatus.FIXED,
          VexStatus.UNDER_INVESTIGATION);
  private static final int MAX_SUBCOMPONENT_DEPTH = 2;

  private VexReader() {}

  public static VexDocument parse(byte[] document) throws EvidenceFormatException {
    try {
      if (SbomReader.syntax(document) == '<') {
        return cycloneDx(SbomReader.parse(document));
      }
      JsonNode root = SbomReader.parseJson(document, "VEX document");
      JsonNode context = root.get("@context");
      if (context != null
          && context.isTextual()
          && context.textValue().startsWith("https://openvex.dev/ns")) {
        return openVex(root);
      }
      if (root.has("bomFormat")) {
        return cycloneDx(SbomReader.parse(document));
      }
      throw new EvidenceFormatException(
          ReasonCode.EVIDENCE_MALFORMED,
          "",
          "neither OpenVEX (@context https://openvex.dev/ns) nor CycloneDX VEX (bomFormat)");
    } catch (RuntimeException e) {
      throw new EvidenceFormatException(
          ReasonCode.EVIDENCE_MALFORMED,
          "",
          "the VEX document could not be read: " + Texts.describe(e));
    }
  }

  /** The vulnerabilities of a CycloneDX BOM that carry an analysis, as statements. */
  static VexDocument cycloneDx(Sbom bom) {
    List<VexStatement> statements = new ArrayList<>();
    for (SbomVulnerability v : bom.vulnerabilities()) {
      if (v.analysis().isEmpty()) {
        continue;
      }
      SbomVulnerability.Analysis a = v.analysis().get();
      List<Product> products = new ArrayList<>();
      for (String ref : v.affects()) {
        products.add(product(bom, ref));
      }
      if (v.affects().isEmpty()) {
        bom.metadataComponent().ifPresent(m -> products.add(product(m, true)));
      }
      statements.add(
          new VexStatement(
              ids(v),
              products,
              a.state(),
              a.justification(),
              v.ratings().isEmpty() ? Optional.empty() : Optional.of(v.severity()),
              a.lastUpdated().or(bom::timestamp)));
    }
    return new VexDocument(
        VexDocument.Format.CYCLONEDX, bom.serialNumber().orElse(""), bom.timestamp(), statements);
  }

  static List<String> ids(SbomVulnerability v) {
    List<String> ids = new ArrayList<>();
    if (!v.id().isEmpty()) {
      ids.add(v.id());
    }
    ids.addAll(v.aliases());
    return ids;
  }

  private static Product product(Sbom bom, String ref) {
    Optional<SbomComponent> c = bom.component(ref);
    if (c.isPresent()) {
      boolean subject =
          bom.metadataComponent().flatMap(SbomComponent::bomRef).filter(ref::equals).isPresent();
      return new Product(
          Optional.of(ref),
          c.get().purl(),
          Optional.of(c.get().name()),
          c.get().version(),
          c.get().hashes(),
          List.of(),
          subject);
    }
    Optional<String> purl = ref.startsWith("pkg:") ? Optional.of(ref) : Optional.empty();
    return new Product(
        Optional.of(ref), purl, Optional.empty(), Optional.empty(), Map.of(), List.of(), false);
  }

  private static Product product(SbomComponent c, boolean subject) {
    return new Product(
        c.bomRef(), c.purl(), Optional.of(c.name()), c.version(), c.hashes(), List.of(), subject);
  }

  private static VexDocument openVex(JsonNode root) throws EvidenceFormatException {
    Fields f = new Fields(ReasonCode.EVIDENCE_MALFORMED);
    String id = f.text(root, "@id", "", false).orElse("");
    Optional<Instant> updated = f.timestamp(root, "last_updated", "", false);
    Optional<Instant> docTime = updated.or(() -> f.timestamp(root, "timestamp", "", false));
    if (!root.has("statements")) {
      f.problem("statements", "required field is missing");
    }
    List<VexStatement> statements = new ArrayList<>();
    List<JsonNode> list = f.array(root, "statements", "");
    for (int i = 0; i < list.size(); i++) {
      String at = Fields.index("statements", i);
      if (f.isObject(list.get(i), at)) {
        statement(f, list.get(i), at, docTime).ifPresent(statements::add);
      }
    }
    if (!f.problems().isEmpty()) {
      Problem p = f.problems().get(0);
      throw new EvidenceFormatException(p.reason(), p.path(), "OpenVEX: " + p.message());
    }
    return new VexDocument(VexDocument.Format.OPENVEX, id, docTime, statements);
  }

  private static Optional<VexStatement> statement(
      Fields f, JsonNode st, String at, Optional<Instant> docTime) {
    List<String> ids = new ArrayList<>();
    JsonNode v = st.get("vulnerability");
    String vat = Fields.join(at, "vulnerability");
    if (v != null && v.isTextual()) {
      ids.add(v.textValue());
    } else if (v != null && v.isObject()) {
      f.text(v, "name", vat, false).ifPresent(ids::add);
      f.text(v, "@id", vat, false).ifPresent(ids::add);
      List<JsonNode> aliases = f.array(v, "aliases", vat);
      for (int i = 0; i < aliases.size(); i++) {
        if (aliases.get(i).isTextual()) {
          ids.add(aliases.get(i).textValue());
        } else {
          f.problem(Fields.index(Fields.join(vat, "aliases"), i), "must be a string");
        }
      }
    } else {
      f.problem(vat, v == null ? "required field is missing" : "must be an object or a string");
    }
    if (v != null && ids.isEmpty()) {
      f.problem(vat, "names no vulnerability (name, @id or aliases)");
    }
    if (!st.has("products")) {
      f.problem(Fields.join(at, "products"), "required field is missing");
    }
    List<Product> products = products(f, st, "products", at, 0);
    Optional<String> statusText = f.text(st, "status", at, true);
    Optional<VexStatus> status =
        statusText.flatMap(VexStatus::parse).filter(OPENVEX_STATUSES::contains);
    if (statusText.isPresent() && status.isEmpty()) {
      f.problem(
          Fields.join(at, "status"),
          Texts.quote(statusText.get())
              + " is not one of not_affected, affected, fixed, under_investigation");
    }
    Optional<String> justification = f.text(st, "justification", at, false);
    Optional<Instant> updated = f.timestamp(st, "last_updated", at, false);
    Optional<Instant> time = updated.or(() -> f.timestamp(st, "timestamp", at, false));
    if (status.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new VexStatement(
            ids, products, status.get(), justification, Optional.empty(), time.or(() -> docTime)));
  }

  private static List<Product> products(
      Fields f, JsonNode obj, String field, String at, int depth) {
    List<Product> out = new ArrayList<>();
    List<JsonNode> list = f.array(obj, field, at);
    for (int i = 0; i < list.size(); i++) {
      String pat = Fields.index(Fields.join(at, field), i);
      JsonNode p = list.get(i);
      if (p.isTextual()) {
        String s = p.textValue();
        out.add(
            new Product(
                Optional.of(s),
                s.startsWith("pkg:") ? Optional.of(s) : Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Map.of(),
                List.of(),
                false));
        continue;
      }
      if (!f.isObject(p, pat)) {
        continue;
      }
      Optional<String> id = f.text(p, "@id", pat, false);
      JsonNode identifiers = p.get("identifiers");
      Optional<String> purl = Optional.empty();
      if (identifiers != null && f.isObject(identifiers, Fields.join(pat, "identifiers"))) {
        purl = f.text(identifiers, "purl", Fields.join(pat, "identifiers"), false);
      }
      if (purl.isEmpty() && id.isPresent() && id.get().startsWith("pkg:")) {
        purl = id;
      }
      Map<String, String> hashes = new LinkedHashMap<>();
      JsonNode h = p.get("hashes");
      if (h != null && f.isObject(h, Fields.join(pat, "hashes"))) {
        for (Map.Entry<String, JsonNode> e : h.properties()) {
          if (e.getValue().isTextual()) {
            hashes.put(Hashes.algorithm(e.getKey()), Hashes.hex(e.getValue().textValue()));
          } else {
            f.problem(Fields.join(Fields.join(pat, "hashes"), e.getKey()), "must be a string");
          }
        }
      }
      List<Product> subs = List.of();
      if (p.has("subcomponents")) {
        if (depth >= MAX_SUBCOMPONENT_DEPTH) {
          f.problem(Fields.join(pat, "subcomponents"), "subcomponents nested too deep");
        } else {
          subs = products(f, p, "subcomponents", pat, depth + 1);
        }
      }
      if (id.isEmpty() && purl.isEmpty() && hashes.isEmpty()) {
        f.problem(pat, "names no product (@id, identifiers.purl or hashes)");
      }
      out.add(new Product(id, purl, Optional.empty(), Optional.empty(), hashes, subs, false));
    }
    return out;
  }
}
