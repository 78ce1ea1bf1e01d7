package dev.countersign.verify.internal.sbom;

import dev.countersign.verify.sbom.Sbom;
import dev.countersign.verify.sbom.SbomComponent;
import dev.countersign.verify.sbom.SbomComponent.License;
import dev.countersign.verify.sbom.SbomFormat;
import dev.countersign.verify.sbom.SbomVulnerability;
import dev.countersign.verify.sbom.Severity;
import dev.countersign.verify.sbom.VexStatus;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Date;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Hash;
import org.cyclonedx.model.LicenseChoice;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.vulnerability.Vulnerability;

/** Maps cyclonedx-core-java's model of a validated BOM to {@link Sbom}. */
final class CycloneDxMapper {
  private CycloneDxMapper() {}

  static Sbom map(Bom bom, SbomFormat format, String specVersion) {
    Metadata md = bom.getMetadata();
    Optional<Instant> timestamp =
        md == null ? Optional.empty() : Optional.ofNullable(md.getTimestamp()).map(Date::toInstant);
    Optional<SbomComponent> subject =
        md == null
            ? Optional.empty()
            : Optional.ofNullable(md.getComponent()).map(CycloneDxMapper::component);
    return new Sbom(
        format,
        specVersion,
        Optional.ofNullable(bom.getSerialNumber()),
        timestamp,
        subject,
        flatten(bom.getComponents()),
        vulnerabilities(bom.getVulnerabilities()),
        bom.getDependencies() == null ? 0 : bom.getDependencies().size());
  }

  /** Components and their nested components, depth first in document order. */
  private static List<SbomComponent> flatten(List<Component> top) {
    List<SbomComponent> out = new ArrayList<>();
    Deque<Component> todo = new ArrayDeque<>();
    pushAll(todo, top);
    while (!todo.isEmpty()) {
      Component c = todo.pop();
      out.add(component(c));
      pushAll(todo, c.getComponents());
    }
    return out;
  }

  private static void pushAll(Deque<Component> todo, List<Component> list) {
    if (list != null) {
      for (int i = list.size() - 1; i >= 0; i--) {
        if (list.get(i) != null) {
          todo.push(list.get(i));
        }
      }
    }
  }

  static SbomComponent component(Component c) {
    Map<String, String> hashes = new LinkedHashMap<>();
    if (c.getHashes() != null) {
      for (Hash h : c.getHashes()) {
        if (h != null && h.getAlgorithm() != null && h.getValue() != null) {
          hashes.put(Hashes.algorithm(h.getAlgorithm()), Hashes.hex(h.getValue()));
        }
      }
    }
    return new SbomComponent(
        nonEmpty(c.getBomRef()),
        c.getType() == null ? "" : c.getType().getTypeName(),
        nonEmpty(c.getGroup()),
        c.getName(),
        nonEmpty(c.getVersion()),
        nonEmpty(c.getPurl()),
        licenses(c.getLicenses()),
        hashes);
  }

  private static List<License> licenses(LicenseChoice choice) {
    List<License> out = new ArrayList<>();
    if (choice == null) {
      return out;
    }
    if (choice.getLicenses() != null) {
      for (org.cyclonedx.model.License l : choice.getLicenses()) {
        if (l == null) {
          continue;
        }
        if (l.getId() != null && !l.getId().isBlank()) {
          out.add(new License(License.Kind.ID, l.getId()));
        } else if (l.getName() != null && !l.getName().isBlank()) {
          out.add(new License(License.Kind.NAME, l.getName()));
        }
      }
    }
    if (choice.getExpression() != null && choice.getExpression().getValue() != null) {
      out.add(new License(License.Kind.EXPRESSION, choice.getExpression().getValue()));
    }
    return out;
  }

  private static List<SbomVulnerability> vulnerabilities(List<Vulnerability> list) {
    List<SbomVulnerability> out = new ArrayList<>();
    if (list == null) {
      return out;
    }
    for (Vulnerability v : list) {
      if (v == null) {
        continue;
      }
      List<String> aliases = new ArrayList<>();
      if (v.getReferences() != null) {
        v.getReferences().stream()
            .filter(r -> r != null && r.getId() != null)
            .forEach(r -> aliases.add(r.getId()));
      }
      List<SbomVulnerability.Rating> ratings = new ArrayList<>();
      if (v.getRatings() != null) {
        for (Vulnerability.Rating r : v.getRatings()) {
          if (r != null) {
            ratings.add(rating(r));
          }
        }
      }
      List<String> affects = new ArrayList<>();
      if (v.getAffects() != null) {
        v.getAffects().stream()
            .filter(a -> a != null && a.getRef() != null)
            .forEach(a -> affects.add(a.getRef()));
      }
      out.add(
          new SbomVulnerability(v.getId(), aliases, ratings, analysis(v.getAnalysis()), affects));
    }
    return out;
  }

  private static SbomVulnerability.Rating rating(Vulnerability.Rating r) {
    Optional<Double> score = Optional.ofNullable(r.getScore()).filter(d -> !d.isNaN());
    Severity severity =
        r.getSeverity() == null
            ? Severity.UNKNOWN
            : Severity.parse(r.getSeverity().getSeverityName()).orElse(Severity.UNKNOWN);
    return new SbomVulnerability.Rating(
        Optional.ofNullable(r.getSource()).map(Vulnerability.Source::getName),
        score,
        severity,
        Optional.ofNullable(r.getMethod()).map(Vulnerability.Rating.Method::getMethodName));
  }

  private static Optional<SbomVulnerability.Analysis> analysis(Vulnerability.Analysis a) {
    if (a == null || a.getState() == null) {
      return Optional.empty();
    }
    Optional<VexStatus> state = VexStatus.parse(a.getState().getStateName());
    if (state.isEmpty()) {
      return Optional.empty();
    }
    Date when = a.getLastUpdated() != null ? a.getLastUpdated() : a.getFirstIssued();
    return Optional.of(
        new SbomVulnerability.Analysis(
            state.get(),
            Optional.ofNullable(a.getJustification())
                .map(Vulnerability.Analysis.Justification::getJustificationName),
            nonEmpty(a.getDetail()),
            Optional.ofNullable(when).map(Date::toInstant)));
  }

  static Optional<String> nonEmpty(String s) {
    return s == null || s.isBlank() ? Optional.empty() : Optional.of(s);
  }
}
