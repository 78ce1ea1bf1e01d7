package dev.countersign.verify.slsa;

import dev.countersign.verify.EvidenceFormatException;
import dev.countersign.verify.attest.InTotoStatement;
import dev.countersign.verify.internal.slsa.ProvenanceParser;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * SLSA provenance read from a verified in-toto statement: the version-specific view plus the
 * normalised builder, build type and source the checks use.
 *
 * <p>Sources are read, in this order, from: v1 {@code externalParameters.workflow} (GitHub Actions
 * build types and slsa-github-generator's generic workflow type), else the {@code GITHUB_*}
 * internal parameters slsa-github-generator's delegator writes; then {@code
 * externalParameters.source}; then the first git entry of {@code resolvedDependencies}; for v0.2,
 * {@code invocation.configSource} then the first material. The first is the triggering source
 * ({@link #source()}); every one is kept in {@link #sources()} so that a check can require all of
 * them to agree.
 *
 * @param statement the statement the provenance was read from
 * @param predicate the version-specific view
 * @param sources every source claim, the triggering one first; empty when the provenance names no
 *     source
 * @param triggerEvent the GitHub event that started the build (e.g. {@code push}), empty when
 *     unknown
 * @param tagBaseRef for builds triggered by a tag, the branch ref the provenance records for it
 *     ({@code github_base_ref}, the push event's {@code base_ref}, or the release's target); empty
 *     when unknown
 */
public record SlsaProvenance(
    InTotoStatement statement,
    SlsaPredicate predicate,
    List<SourceReference> sources,
    String triggerEvent,
    String tagBaseRef) {
  /** The predicate types read here. */
  public static final Set<String> PREDICATE_TYPES =
      Set.of(ProvenanceV02.PREDICATE_TYPE, ProvenanceV1.PREDICATE_TYPE);

  public SlsaProvenance {
    Objects.requireNonNull(statement, "statement");
    Objects.requireNonNull(predicate, "predicate");
    sources = List.copyOf(sources);
    triggerEvent = triggerEvent == null ? "" : triggerEvent;
    tagBaseRef = tagBaseRef == null ? "" : tagBaseRef;
  }

  /**
   * Reads the provenance of a statement whose signature has been verified.
   *
   * @throws EvidenceFormatException with reason {@code PREDICATE_MISSING} when the predicate type
   *     is not SLSA provenance v0.2 or v1, or {@code EVIDENCE_MALFORMED} (with the JSON path) when
   *     a field the checks read has the wrong JSON type. Absent fields are never an error.
   */
  public static SlsaProvenance from(InTotoStatement statement) throws EvidenceFormatException {
    return ProvenanceParser.parse(statement);
  }

  /** Whether a predicate type is one {@link #from} reads. */
  public static boolean isProvenance(String predicateType) {
    return PREDICATE_TYPES.contains(predicateType);
  }

  public String predicateType() {
    return predicate.predicateType();
  }

  /** The builder id as written. */
  public Optional<String> builderId() {
    return nonEmpty(predicate.builderId());
  }

  public Optional<String> buildType() {
    return nonEmpty(predicate.buildType());
  }

  /** The triggering source: the first of {@link #sources()}. */
  public Optional<SourceReference> source() {
    return sources.isEmpty() ? Optional.empty() : Optional.of(sources.get(0));
  }

  /** The triggering source's normalised URI, e.g. {@code git+https://github.com/acme/app}. */
  public Optional<String> sourceUri() {
    return source().map(SourceReference::uri);
  }

  /** The triggering source's ref, e.g. {@code refs/tags/v1.2.3}. */
  public Optional<String> sourceRef() {
    return source().flatMap(s -> nonEmpty(s.ref()));
  }

  /** The triggering source's git commit. */
  public Optional<String> sourceDigest() {
    return source().flatMap(s -> nonEmpty(s.digest()));
  }

  /**
   * The branch the build came from, as slsa-verifier's {@code --source-branch} reads it: the branch
   * of a {@code refs/heads/} ref; for a tag, the branch recorded in {@link #tagBaseRef()} when that
   * is a {@code refs/heads/} ref.
   */
  public Optional<String> sourceBranch() {
    Optional<SourceReference> s = source();
    if (s.isEmpty()) {
      return Optional.empty();
    }
    if (s.get().branch().isPresent()) {
      return s.get().branch();
    }
    if (s.get().tag().isPresent() && tagBaseRef.startsWith("refs/heads/")) {
      return nonEmpty(tagBaseRef.substring("refs/heads/".length()));
    }
    return Optional.empty();
  }

  /** The tag the build came from, when its ref is {@code refs/tags/<tag>}. */
  public Optional<String> sourceTag() {
    return source().flatMap(SourceReference::tag);
  }

  private static Optional<String> nonEmpty(String s) {
    return s == null || s.isEmpty() ? Optional.empty() : Optional.of(s);
  }
}
