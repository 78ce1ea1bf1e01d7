package dev.countersign.verify.internal.sbom;

import com.github.packageurl.PackageURL;
import dev.countersign.verify.sbom.Sbom;
import dev.countersign.verify.sbom.SbomComponent;
import dev.countersign.verify.sbom.SbomFinding;
import dev.countersign.verify.sbom.SbomPolicy.DeniedComponent;
import dev.countersign.verify.verdict.ReasonCode;
import io.github.nscuro.versatile.Vers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The gates over every component (the metadata component included): denied package URLs and denied
 * licences. The rules are documented on {@link dev.countersign.verify.sbom.SbomPolicy}.
 */
final class ComponentGates {
  private ComponentGates() {}

  static List<SbomFinding> deniedComponents(Sbom sbom, List<DeniedComponent> rules) {
    List<SbomFinding> out = new ArrayList<>();
    List<SbomComponent> all = sbom.allComponents();
    int withoutPurl = 0;
    for (SbomComponent c : all) {
      Optional<PackageURL> purl = c.purl().flatMap(Purls::parse);
      if (purl.isEmpty()) {
        withoutPurl++;
        continue;
      }
      for (DeniedComponent rule : rules) {
        Optional<String> why = denies(rule, purl.get(), c);
        if (why.isPresent()) {
          Map<String, String> evidence = new LinkedHashMap<>();
          evidence.put("component", c.describe());
          evidence.put("purl", c.purl().get());
          c.bomRef().ifPresent(r -> evidence.put("bomRef", r));
          evidence.put("rule", rule.describe());
          out.add(
              SbomFinding.fail(
                  SbomFinding.COMPONENTS,
                  ReasonCode.SBOM_DENIED_COMPONENT,
                  "component "
                      + c.describe()
                      + " is denied by "
                      + rule.describe()
                      + ": "
                      + why.get(),
                  evidence));
          break;
        }
      }
    }
    if (out.isEmpty()) {
      out.add(
          SbomFinding.pass(
              SbomFinding.COMPONENTS,
              "no denied component among "
                  + all.size()
                  + " components"
                  + (withoutPurl > 0
                      ? " (" + withoutPurl + " without a purl could not be checked)"
                      : ""),
              Map.of(
                  "rules",
                  String.valueOf(rules.size()),
                  "withoutPurl",
                  String.valueOf(withoutPurl))));
    }
    return out;
  }

  /** Why the rule denies the component, or empty if it does not. */
  private static Optional<String> denies(DeniedComponent rule, PackageURL purl, SbomComponent c) {
    Optional<PackageURL> denied = Purls.parse(rule.purl());
    if (denied.isEmpty() || !Purls.samePackage(denied.get(), purl)) {
      return Optional.empty();
    }
    Optional<String> version =
        Optional.ofNullable(purl.getVersion()).filter(v -> !v.isEmpty()).or(c::version);
    String exact = denied.get().getVersion();
    if (exact == null && rule.versionRange().isEmpty()) {
      return Optional.of("every version is denied");
    }
    if (version.isEmpty()) {
      return Optional.of("its version is unknown, so it may be a denied one");
    }
    if (exact != null) {
      return exact.equals(version.get())
          ? Optional.of("version " + version.get() + " is denied")
          : Optional.empty();
    }
    String range = rule.versionRange().get();
    try {
      return Vers.parse(range).contains(version.get())
          ? Optional.of("version " + version.get() + " is in " + range)
          : Optional.empty();
    } catch (RuntimeException e) {
      return Optional.of(
          "version " + Texts.quote(version.get()) + " cannot be compared with " + range);
    }
  }

  static List<SbomFinding> deniedLicenses(Sbom sbom, List<String> deniedIds) {
    Set<String> denied = new LinkedHashSet<>();
    deniedIds.forEach(d -> denied.add(d.toUpperCase(Locale.ROOT)));
    List<SbomFinding> out = new ArrayList<>();
    int withoutLicense = 0;
    List<SbomComponent> all = sbom.allComponents();
    for (SbomComponent c : all) {
      if (c.licenses().isEmpty()) {
        withoutLicense++;
      }
      Set<String> hits = new LinkedHashSet<>();
      List<String> declared = new ArrayList<>();
      for (SbomComponent.License l : c.licenses()) {
        Set<String> h =
            switch (l.kind()) {
              case ID, NAME -> LicenseExpressions.deniedId(l.value(), denied);
              case EXPRESSION -> LicenseExpressions.denied(l.value(), denied);
            };
        if (!h.isEmpty()) {
          hits.addAll(h);
          declared.add(l.value());
        }
      }
      if (!hits.isEmpty()) {
        Map<String, String> evidence = new LinkedHashMap<>();
        evidence.put("component", c.describe());
        evidence.put("licenses", String.join("; ", declared));
        evidence.put("denied", String.join(", ", hits));
        out.add(
            SbomFinding.fail(
                SbomFinding.LICENSES,
                ReasonCode.SBOM_DENIED_LICENSE,
                "component "
                    + c.describe()
                    + " is licensed under "
                    + Texts.quote(String.join("; ", declared))
                    + ", denied: "
                    + String.join(", ", hits),
                evidence));
      }
    }
    if (out.isEmpty()) {
      out.add(
          SbomFinding.pass(
              SbomFinding.LICENSES,
              "no component under a denied licence among "
                  + all.size()
                  + " components ("
                  + withoutLicense
                  + " declare no licence)",
              Map.of("denied", String.join(", ", deniedIds))));
    }
    return out;
  }
}
