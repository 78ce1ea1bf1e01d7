package dev.countersign.report.packet.internal;

/** A tiny HTML builder: every text is escaped, so evidence can never inject markup. */
final class Html {
  private final StringBuilder b = new StringBuilder(1 << 16);

  static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder o = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> o.append("&lt;");
        case '>' -> o.append("&gt;");
        case '&' -> o.append("&amp;");
        case '"' -> o.append("&quot;");
        case '\'' -> o.append("&#39;");
        default -> o.append(c);
      }
    }
    return o.toString();
  }

  /** Raw markup (only for markup this class or its caller wrote). */
  Html raw(String markup) {
    b.append(markup);
    return this;
  }

  Html text(String s) {
    b.append(esc(s));
    return this;
  }

  /** {@code <tag attrs>text</tag>}; {@code attrs} is raw markup the caller wrote. */
  Html el(String tag, String attrs, String text) {
    b.append('<').append(tag);
    if (attrs != null && !attrs.isEmpty()) {
      b.append(' ').append(attrs);
    }
    b.append('>').append(esc(text)).append("</").append(tag).append('>');
    return this;
  }

  Html open(String tag, String attrs) {
    b.append('<').append(tag);
    if (attrs != null && !attrs.isEmpty()) {
      b.append(' ').append(attrs);
    }
    b.append('>');
    return this;
  }

  Html close(String tag) {
    b.append("</").append(tag).append('>');
    return this;
  }

  /**
   * {@code <span class="cssClass">text</span>}; {@code cssClass} is a class name the caller wrote.
   */
  Html span(String cssClass, String text) {
    return el("span", "class=\"" + cssClass + "\"", text);
  }

  /** A cell holding one identifier (a digest, a repository, an objective id) set in code type. */
  Html codeCell(String text) {
    return open("td", "").el("code", "", text).close("td");
  }

  Html br() {
    b.append("<br>");
    return this;
  }

  /**
   * Opens a table with its head row and leaves its body open for rows; {@link #endTable} closes
   * both.
   */
  Html table(String attrs, String... headings) {
    open("table", attrs).raw("<thead><tr>");
    for (String heading : headings) {
      el("th", "", heading);
    }
    return raw("</tr></thead><tbody>");
  }

  Html endTable() {
    return raw("</tbody>").close("table");
  }

  Html nl() {
    b.append('\n');
    return this;
  }

  @Override
  public String toString() {
    return b.toString();
  }
}
