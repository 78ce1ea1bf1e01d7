package dev.countersign.report.oscal;

/** Checks on the text that goes into OSCAL fields. */
final class Text {
  private Text() {}

  /** Non-empty, one line, no leading or trailing white space: OSCAL's string type. */
  static void requireLine(String value, String what) {
    requireText(value, what);
    if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
      throw new IllegalArgumentException(what + " must be a single line");
    }
    if (!value.equals(value.strip())) {
      throw new IllegalArgumentException(what + " must not start or end with white space");
    }
  }

  /** Non-empty and not only white space. */
  static void requireText(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " is empty");
    }
  }
}
