package dev.countersign.report.cmmc;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The CMMC catalog, evidence mapping or Rev. 3 informative file is invalid: a configuration error.
 */
public final class CmmcCatalogException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient List<CatalogProblem> problems;

  public CmmcCatalogException(List<CatalogProblem> problems) {
    super(message(problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a catalog exception needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  /** Every problem found, each naming its file and entry. */
  public List<CatalogProblem> problems() {
    return problems;
  }

  private static String message(List<CatalogProblem> problems) {
    if (problems.size() == 1) {
      return problems.get(0).toString();
    }
    return problems.size()
        + " problems:\n"
        + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n"));
  }
}
