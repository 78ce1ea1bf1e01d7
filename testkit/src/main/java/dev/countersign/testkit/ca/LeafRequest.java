package dev.countersign.testkit.ca;

import dev.countersign.testkit.ct.TestCtLog;
import dev.countersign.testkit.encoding.Bytes;
import dev.countersign.testkit.keys.KeyAlgorithm;
import dev.countersign.testkit.keys.TestKeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * What a code-signing leaf should say. Start from {@link #forUri}, {@link #forEmail}, {@link
 * #forOtherName} or {@link #forGithubActions}, then adjust with the {@code with...} methods; every
 * method returns a new request.
 *
 * @param subjectAlternativeName the certified identity
 * @param extensions Fulcio extensions in encoding order, including the two issuer extensions
 * @param validity how long after notBefore the leaf stays valid (Fulcio: 10 minutes)
 * @param keyAlgorithm the algorithm of a generated subject key
 * @param subjectKey a key to certify instead of generating one, or null
 * @param issuedByRoot issue directly from the root even if the CA has an intermediate (see {@link
 *     #fromRoot()})
 * @param ctLog the log whose SCT is embedded, or null for a leaf without SCT
 * @param sctTimestamp the SCT time, or null for the leaf's notBefore
 * @param sctExtensions CT extensions signed into the SCT, usually empty
 * @param defects deliberate faults
 */
public record LeafRequest(
    SubjectAlternativeName subjectAlternativeName,
    Map<FulcioExtension, String> extensions,
    Duration validity,
    KeyAlgorithm keyAlgorithm,
    TestKeyPair subjectKey,
    boolean issuedByRoot,
    TestCtLog ctLog,
    Instant sctTimestamp,
    Bytes sctExtensions,
    Set<LeafDefect> defects) {

  /** Fulcio's certificate lifetime. */
  public static final Duration FULCIO_VALIDITY = Duration.ofMinutes(10);

  public LeafRequest {
    EnumMap<FulcioExtension, String> ordered = new EnumMap<>(FulcioExtension.class);
    ordered.putAll(extensions);
    extensions = Collections.unmodifiableMap(ordered);
    EnumSet<LeafDefect> faults = EnumSet.noneOf(LeafDefect.class);
    faults.addAll(defects);
    defects = Collections.unmodifiableSet(faults);
  }

  /** A leaf for a URI identity from {@code oidcIssuer}, with a P-256 key and no SCT yet. */
  public static LeafRequest forUri(String uri, String oidcIssuer) {
    return of(SubjectAlternativeName.uri(uri), oidcIssuer);
  }

  /** A leaf for an email identity. */
  public static LeafRequest forEmail(String email, String oidcIssuer) {
    return of(SubjectAlternativeName.email(email), oidcIssuer);
  }

  /** A leaf for a username identity (otherName SAN). */
  public static LeafRequest forOtherName(String username, String oidcIssuer) {
    return of(SubjectAlternativeName.otherName(username), oidcIssuer);
  }

  /** A leaf as Fulcio issues it to a GitHub Actions workflow, with every workflow extension. */
  public static LeafRequest forGithubActions(GithubActionsClaims claims) {
    LeafRequest request = forUri(claims.subjectUri(), GithubActionsClaims.ISSUER);
    Map<FulcioExtension, String> all = new EnumMap<>(request.extensions);
    all.putAll(claims.extensions());
    return request.withExtensions(all);
  }

  private static LeafRequest of(SubjectAlternativeName san, String oidcIssuer) {
    Map<FulcioExtension, String> issuer = new EnumMap<>(FulcioExtension.class);
    issuer.put(FulcioExtension.ISSUER_V1, oidcIssuer);
    issuer.put(FulcioExtension.ISSUER_V2, oidcIssuer);
    return new LeafRequest(
        san,
        issuer,
        FULCIO_VALIDITY,
        KeyAlgorithm.ECDSA_P256,
        null,
        false,
        null,
        null,
        Bytes.empty(),
        Set.of());
  }

  /** The OIDC issuer recorded in the leaf (the v2 extension, else the v1 one), or null. */
  public String oidcIssuer() {
    String v2 = extensions.get(FulcioExtension.ISSUER_V2);
    return v2 != null ? v2 : extensions.get(FulcioExtension.ISSUER_V1);
  }

  /** A copy certifying a different identity. */
  public LeafRequest withSubjectAlternativeName(SubjectAlternativeName san) {
    return new LeafRequest(
        san,
        extensions,
        validity,
        keyAlgorithm,
        subjectKey,
        issuedByRoot,
        ctLog,
        sctTimestamp,
        sctExtensions,
        defects);
  }

  /** A copy with exactly these Fulcio extensions. */
  public LeafRequest withExtensions(Map<FulcioExtension, String> newExtensions) {
    return new LeafRequest(
        subjectAlternativeName,
        newExtensions,
        validity,
        keyAlgorithm,
        subjectKey,
        issuedByRoot,
        ctLog,
        sctTimestamp,
        sctExtensions,
        defects);
  }

  /** A copy with one Fulcio extension set (or replaced). */
  public LeafRequest withExtension(FulcioExtension extension, String value) {
    Map<FulcioExtension, String> more = new EnumMap<>(FulcioExtension.class);
    more.putAll(extensions);
    more.put(extension, value);
    return withExtensions(more);
  }

  /** A copy without one Fulcio extension. */
  public LeafRequest withoutExtension(FulcioExtension extension) {
    Map<FulcioExtension, String> fewer = new EnumMap<>(FulcioExtension.class);
    fewer.putAll(extensions);
    fewer.remove(extension);
    return withExtensions(fewer);
  }

  /** A copy whose two issuer extensions both say {@code oidcIssuer}. */
  public LeafRequest withOidcIssuer(String oidcIssuer) {
    return withExtension(FulcioExtension.ISSUER_V1, oidcIssuer)
        .withExtension(FulcioExtension.ISSUER_V2, oidcIssuer);
  }

  /** A copy valid for {@code newValidity} after notBefore. */
  public LeafRequest withValidity(Duration newValidity) {
    return new LeafRequest(
        subjectAlternativeName,
        extensions,
        newValidity,
        keyAlgorithm,
        subjectKey,
        issuedByRoot,
        ctLog,
        sctTimestamp,
        sctExtensions,
        defects);
  }

  /** A copy whose generated subject key has {@code algorithm}. */
  public LeafRequest withKeyAlgorithm(KeyAlgorithm algorithm) {
    return new LeafRequest(
        subjectAlternativeName,
        extensions,
        validity,
        algorithm,
        null,
        issuedByRoot,
        ctLog,
        sctTimestamp,
        sctExtensions,
        defects);
  }

  /** A copy certifying an existing key. */
  public LeafRequest withSubjectKey(TestKeyPair key) {
    return new LeafRequest(
        subjectAlternativeName,
        extensions,
        validity,
        key.algorithm(),
        key,
        issuedByRoot,
        ctLog,
        sctTimestamp,
        sctExtensions,
        defects);
  }

  /** A copy issued directly by the root, skipping the intermediate. */
  public LeafRequest fromRoot() {
    return new LeafRequest(
        subjectAlternativeName,
        extensions,
        validity,
        keyAlgorithm,
        subjectKey,
        true,
        ctLog,
        sctTimestamp,
        sctExtensions,
        defects);
  }

  /** A copy carrying an embedded SCT from {@code log}. */
  public LeafRequest withSct(TestCtLog log) {
    return new LeafRequest(
        subjectAlternativeName,
        extensions,
        validity,
        keyAlgorithm,
        subjectKey,
        issuedByRoot,
        log,
        sctTimestamp,
        sctExtensions,
        defects);
  }

  /** A copy without an embedded SCT. */
  public LeafRequest withoutSct() {
    return withSct(null);
  }

  /** A copy whose SCT has a specific time. */
  public LeafRequest withSctTimestamp(Instant timestamp) {
    return new LeafRequest(
        subjectAlternativeName,
        extensions,
        validity,
        keyAlgorithm,
        subjectKey,
        issuedByRoot,
        ctLog,
        timestamp,
        sctExtensions,
        defects);
  }

  /** A copy whose SCT carries (and signs) non-empty CT extensions. */
  public LeafRequest withSctExtensions(Bytes ctExtensions) {
    return new LeafRequest(
        subjectAlternativeName,
        extensions,
        validity,
        keyAlgorithm,
        subjectKey,
        issuedByRoot,
        ctLog,
        sctTimestamp,
        ctExtensions,
        defects);
  }

  /** A copy with one more deliberate fault. */
  public LeafRequest withDefect(LeafDefect defect) {
    EnumSet<LeafDefect> more = EnumSet.of(defect);
    more.addAll(defects);
    return new LeafRequest(
        subjectAlternativeName,
        extensions,
        validity,
        keyAlgorithm,
        subjectKey,
        issuedByRoot,
        ctLog,
        sctTimestamp,
        sctExtensions,
        more);
  }
}
