package dev.countersign.verify.internal.sbom;

/** Short, one-line texts for messages built from untrusted input. */
final class Texts {
  private Texts() {}

  /** At most {@code max} characters on one line, with an ellipsis when cut. */
  static String clip(String s, int max) {
    if (s == null) {
      return "";
    }
    String one = s.replaceAll("\\s*\\R\\s*", " ");
    return one.length() <= max ? one : one.substring(0, max) + "...";
  }

  /** A quoted, clipped value for messages: {@code "value"}. */
  static String quote(String s) {
    return "\"" + clip(s, 120) + "\"";
  }

  /** The class and message of an exception (or its most telling cause), on one line. */
  static String describe(Throwable t) {
    Throwable shown = t;
    while (shown.getCause() != null
        && shown.getCause() != shown
        && (shown.getMessage() == null || shown.getMessage().startsWith("Unable to parse"))) {
      shown = shown.getCause();
    }
    String m = shown.getMessage();
    return clip(
        m == null || m.isBlank()
            ? shown.getClass().getSimpleName()
            : m.replaceAll("\\(through.*", ""),
        300);
  }
}
