package dev.countersign.verify.sbom;

import dev.countersign.verify.verdict.ReasonCode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The result of one SBOM gate for one thing (the document, a component, a vulnerability).
 *
 * @param gate which gate: {@link #FORMAT}, {@link #SUBJECT}, {@link #AGE}, {@link #COMPONENTS},
 *     {@link #LICENSES} or {@link #VULNERABILITIES}
 * @param ok whether it passed
 * @param reason {@link ReasonCode#OK} when it passed, otherwise the failure's code
 * @param detail one sentence naming the component, rule or vulnerability
 * @param evidence facts behind it (purl, version, rule, severity, VEX statement, ...)
 */
public record SbomFinding(
    String gate, boolean ok, ReasonCode reason, String detail, Map<String, String> evidence) {
  /** The document was read and validated. */
  public static final String FORMAT = "sbom.format";

  /** The metadata component is the verified subject. */
  public static final String SUBJECT = "sbom.subject";

  /** The SBOM is recent enough. */
  public static final String AGE = "sbom.age";

  /** No denied component. */
  public static final String COMPONENTS = "sbom.components";

  /** No denied licence. */
  public static final String LICENSES = "sbom.licenses";

  /** No unmitigated vulnerability at or above the severity threshold. */
  public static final String VULNERABILITIES = "sbom.vulnerabilities";

  public SbomFinding {
    Objects.requireNonNull(gate, "gate");
    Objects.requireNonNull(reason, "reason");
    if (ok != (reason == ReasonCode.OK)) {
      throw new IllegalArgumentException("a finding passes exactly when its reason is OK");
    }
    detail = detail == null ? "" : detail;
    evidence =
        evidence == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
  }

  public static SbomFinding pass(String gate, String detail, Map<String, String> evidence) {
    return new SbomFinding(gate, true, ReasonCode.OK, detail, evidence);
  }

  public static SbomFinding fail(
      String gate, ReasonCode reason, String detail, Map<String, String> evidence) {
    return new SbomFinding(gate, false, reason, detail, evidence);
  }

  /** One line: {@code PASS sbom.age: ...} or {@code FAIL sbom.age SBOM_TOO_OLD: ...}. */
  public String describe() {
    return (ok ? "PASS " + gate : "FAIL " + gate + " " + reason) + ": " + detail;
  }
}
