package dev.countersign.verify.internal.sbom;

import dev.countersign.verify.sbom.Sbom;
import dev.countersign.verify.sbom.SbomComponent;
import dev.countersign.verify.sbom.SbomSubject;
import dev.countersign.verify.sbom.SbomVulnerability;
import dev.countersign.verify.sbom.VexDocument;
import dev.countersign.verify.sbom.VexStatement;
import dev.countersign.verify.sbom.VexStatement.Product;
import dev.countersign.verify.sbom.VexStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Decides whether VEX statements mitigate a vulnerability in a target: a component of the SBOM, or
 * the product the SBOM describes.
 *
 * <p>A statement applies when one of its vulnerability ids equals one of the vulnerability's
 * (ignoring case) and one of its products names the target. A product names a component by purl
 * ({@link Purls#covers}), by a shared hash, or by a BOM-link to the component's bom-ref in this
 * SBOM (a plain bom-ref only counts inside the SBOM itself, as its embedded analysis). A product
 * names the SBOM's product when it is the verified subject ({@link SubjectMatch}), has the metadata
 * component's purl or hash, or is a CycloneDX VEX's own metadata component with the metadata
 * component's name and version. A product with OpenVEX subcomponents speaks only of those
 * subcomponents inside it; without, a product-level statement covers every component.
 *
 * <p>The embedded analysis of the vulnerability competes with the external statements. The most
 * recent applicable statements decide (no timestamp counts as oldest); if several share that time,
 * all must mitigate, so a contradiction leaves the vulnerability standing.
 */
final class VexDecisions {
  private final Sbom sbom;
  private final SbomSubject subject;
  private final List<VexDocument> documents;

  VexDecisions(Sbom sbom, SbomSubject subject, List<VexDocument> documents) {
    this.sbom = sbom;
    this.subject = subject;
    this.documents = List.copyOf(documents);
  }

  /**
   * A decision.
   *
   * @param mitigated whether the vulnerability is mitigated in the target
   * @param because for people: the deciding statement(s), or that there is none
   */
  record Decision(boolean mitigated, String because) {}

  private record Candidate(VexStatus status, Instant time, String source) {}

  List<VexDocument> documents() {
    return documents;
  }

  /**
   * Decides for one target.
   *
   * @param ids the vulnerability's ids
   * @param embedded the SBOM's own analysis of it, if any
   * @param target the component, or empty for the product the SBOM describes
   */
  Decision decide(
      Collection<String> ids,
      Optional<SbomVulnerability.Analysis> embedded,
      Optional<SbomComponent> target) {
    List<Candidate> candidates = new ArrayList<>();
    embedded.ifPresent(
        a ->
            candidates.add(
                new Candidate(
                    a.state(),
                    a.lastUpdated().or(sbom::timestamp).orElse(Instant.MIN),
                    "the SBOM's analysis"
                        + a.justification().map(j -> " (" + j + ")").orElse(""))));
    for (VexDocument d : documents) {
      for (VexStatement st : d.statements()) {
        if (sameVulnerability(ids, st.vulnerabilityIds())
            && st.products().stream().anyMatch(p -> applies(p, target))) {
          candidates.add(
              new Candidate(
                  st.status(),
                  st.timestamp().orElse(Instant.MIN),
                  d.describe() + st.justification().map(j -> " (" + j + ")").orElse("")));
        }
      }
    }
    if (candidates.isEmpty()) {
      return new Decision(false, "no VEX statement covers it");
    }
    Instant latest = candidates.stream().map(Candidate::time).max(Instant::compareTo).get();
    List<Candidate> deciding =
        candidates.stream().filter(c -> c.time().equals(latest)).collect(Collectors.toList());
    boolean mitigated = deciding.stream().allMatch(c -> c.status().mitigates());
    String said =
        deciding.stream()
            .map(c -> c.status().label() + " by " + c.source())
            .collect(Collectors.joining("; "));
    return new Decision(mitigated, (mitigated ? "mitigated: " : "the latest VEX says ") + said);
  }

  /** Whether a statement's product names the target. */
  boolean applies(Product p, Optional<SbomComponent> target) {
    if (target.isEmpty()) {
      return p.subcomponents().isEmpty() && isProduct(p);
    }
    SbomComponent c = target.get();
    if (!p.subcomponents().isEmpty()) {
      return isProduct(p) && p.subcomponents().stream().anyMatch(s -> names(s, c));
    }
    return names(p, c) || isProduct(p);
  }

  private boolean isProduct(Product p) {
    if (!subject.isEmpty() && SubjectMatch.match(p, subject).matched()) {
      return true;
    }
    Optional<SbomComponent> m = sbom.metadataComponent();
    if (m.isEmpty()) {
      return false;
    }
    if (names(p, m.get())) {
      return true;
    }
    return p.documentSubject()
        && p.name().isPresent()
        && p.name().get().equals(m.get().name())
        && p.version().isPresent()
        && p.version().equals(m.get().version());
  }

  private boolean names(Product p, SbomComponent c) {
    if (p.purl().isPresent()
        && c.purl().isPresent()
        && Purls.covers(p.purl().get(), c.purl().get())) {
      return true;
    }
    if (Hashes.overlap(p.hashes(), c.hashes())) {
      return true;
    }
    return p.id().isPresent()
        && c.bomRef().isPresent()
        && isBomLinkTo(p.id().get(), c.bomRef().get());
  }

  /** {@code urn:cdx:<serial>/<version>#<bom-ref>} into this SBOM. */
  private boolean isBomLinkTo(String link, String bomRef) {
    if (!link.startsWith("urn:cdx:") || sbom.serialNumber().isEmpty()) {
      return false;
    }
    int hash = link.indexOf('#');
    int slash = link.lastIndexOf('/', hash < 0 ? link.length() : hash);
    if (hash < 0 || slash < 0) {
      return false;
    }
    String serial = link.substring("urn:cdx:".length(), slash);
    String own = sbom.serialNumber().get();
    own = own.startsWith("urn:uuid:") ? own.substring("urn:uuid:".length()) : own;
    return serial.equalsIgnoreCase(own)
        && java.net.URLDecoder.decode(
                link.substring(hash + 1), java.nio.charset.StandardCharsets.UTF_8)
            .equals(bomRef);
  }

  static boolean sameVulnerability(Collection<String> a, Collection<String> b) {
    for (String x : a) {
      for (String y : b) {
        if (x.trim().toUpperCase(Locale.ROOT).equals(y.trim().toUpperCase(Locale.ROOT))) {
          return true;
        }
      }
    }
    return false;
  }
}
