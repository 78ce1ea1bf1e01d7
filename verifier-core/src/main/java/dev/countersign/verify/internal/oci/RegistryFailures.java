package dev.countersign.verify.internal.oci;

import dev.countersign.verify.oci.RegistryException;
import dev.countersign.verify.verdict.CheckId;
import dev.countersign.verify.verdict.CheckResult;
import java.util.Map;

/** How registry failures appear in a verdict. */
public final class RegistryFailures {
  private RegistryFailures() {}

  /**
   * A missing image, malformed or oversized content, or content that does not match its digest is
   * bad evidence (FAIL); an unreachable, slow, refusing or failing registry means nothing could be
   * evaluated (ERROR). Neither is ever a pass.
   */
  public static CheckResult toCheck(CheckId check, String target, RegistryException e) {
    Map<String, String> ev =
        Map.of("registry.location", e.location(), "registry.failure", e.kind().name());
    switch (e.kind()) {
      case NOT_FOUND:
      case MALFORMED:
      case TOO_LARGE:
      case DIGEST_MISMATCH:
        return CheckResult.fail(check, target, e.reason(), e.getMessage(), ev);
      default:
        return new CheckResult(
            check,
            target,
            dev.countersign.verify.verdict.Status.ERROR,
            e.reason(),
            e.getMessage(),
            ev);
    }
  }
}
