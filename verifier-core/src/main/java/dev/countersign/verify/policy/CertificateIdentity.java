package dev.countersign.verify.policy;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * An expected keyless signer: the certificate's subject alternative name and OIDC issuer, and
 * optionally Fulcio extensions (GitHub workflow repository, ref, trigger, ...). All given parts
 * must match.
 */
public record CertificateIdentity(
    StringMatcher subjectAlternativeName,
    StringMatcher issuer,
    Map<FulcioExtension, StringMatcher> extensions) {

  public CertificateIdentity {
    Objects.requireNonNull(subjectAlternativeName, "subjectAlternativeName");
    Objects.requireNonNull(issuer, "issuer");
    EnumMap<FulcioExtension, StringMatcher> copy = new EnumMap<>(FulcioExtension.class);
    if (extensions != null) {
      copy.putAll(extensions);
    }
    extensions = Collections.unmodifiableMap(copy);
  }

  public static CertificateIdentity of(StringMatcher san, StringMatcher issuer) {
    return new CertificateIdentity(san, issuer, Map.of());
  }

  /** The same identity with one more extension constraint. */
  public CertificateIdentity withExtension(FulcioExtension ext, StringMatcher matcher) {
    EnumMap<FulcioExtension, StringMatcher> copy = new EnumMap<>(FulcioExtension.class);
    copy.putAll(extensions);
    copy.put(ext, matcher);
    return new CertificateIdentity(subjectAlternativeName, issuer, copy);
  }

  @Override
  public String toString() {
    StringBuilder sb =
        new StringBuilder("SAN ").append(subjectAlternativeName).append(", issuer ").append(issuer);
    extensions.forEach((k, v) -> sb.append(", ").append(k.policyName()).append(' ').append(v));
    return sb.toString();
  }
}
