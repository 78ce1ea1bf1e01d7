package dev.countersign.verify.trust;

import java.util.List;

/**
 * A named set of trust material: Fulcio-style certificate authorities, transparency logs, CT logs
 * and timestamp authorities. Instances are immutable and come from {@link TrustRoots}.
 */
public interface TrustRoot {

  /** The name verdicts and policies use for this root (for example {@code public-good}). */
  String name();

  /** {@code sha256:<hex>} of the document the root was loaded from. */
  String revision();

  /** Where the root was loaded from, for people. */
  String source();

  /** Every service the root trusts. */
  List<TrustedService> services();
}
