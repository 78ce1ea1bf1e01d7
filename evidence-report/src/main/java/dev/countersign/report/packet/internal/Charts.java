package dev.countersign.report.packet.internal;

import java.util.List;

/**
 * Inline SVG bar charts: no script, no external file, readable without a browser's help (every bar
 * carries its label and number as text).
 */
final class Charts {
  /** One bar: label, value and CSS colour. */
  record Bar(String label, long value, String colour) {}

  /** One stacked bar: label and its segments. */
  record Stack(String label, List<Bar> segments) {
    long total() {
      return segments.stream().mapToLong(Bar::value).sum();
    }
  }

  private Charts() {}

  static String bars(String title, String id, List<Bar> bars) {
    int rowHeight = 26;
    int labelWidth = 300;
    int barWidth = 360;
    int height = rowHeight * Math.max(1, bars.size()) + 34;
    long max = Math.max(1, bars.stream().mapToLong(Bar::value).max().orElse(1));
    StringBuilder s = new StringBuilder();
    s.append("<figure class=\"chart\" id=\"")
        .append(Html.esc(id))
        .append("\"><svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"")
        .append(labelWidth + barWidth + 80)
        .append("\" height=\"")
        .append(height)
        .append("\" aria-labelledby=\"")
        .append(Html.esc(id))
        .append("-title\"><title id=\"")
        .append(Html.esc(id))
        .append("-title\">")
        .append(Html.esc(title))
        .append("</title>");
    s.append("<text x=\"0\" y=\"16\" class=\"chart-title\">")
        .append(Html.esc(title))
        .append("</text>");
    int y = 30;
    for (Bar bar : bars) {
      long w =
          bar.value() == 0 ? 0 : Math.max(2, Math.round((double) bar.value() / max * barWidth));
      s.append("<text x=\"0\" y=\"")
          .append(y + 15)
          .append("\" class=\"chart-label\">")
          .append(Html.esc(bar.label()))
          .append("</text>");
      s.append("<rect x=\"")
          .append(labelWidth)
          .append("\" y=\"")
          .append(y + 3)
          .append("\" width=\"")
          .append(w)
          .append("\" height=\"16\" fill=\"")
          .append(bar.colour())
          .append("\"/>");
      s.append("<text x=\"")
          .append(labelWidth + w + 6)
          .append("\" y=\"")
          .append(y + 15)
          .append("\" class=\"chart-value\">")
          .append(bar.value())
          .append("</text>");
      y += rowHeight;
    }
    s.append("</svg></figure>");
    return s.toString();
  }

  static String stacks(String title, String id, List<Stack> stacks, List<Bar> legend) {
    int rowHeight = 24;
    int labelWidth = 300;
    int barWidth = 360;
    int height = rowHeight * Math.max(1, stacks.size()) + 60;
    long max = Math.max(1, stacks.stream().mapToLong(Stack::total).max().orElse(1));
    StringBuilder s = new StringBuilder();
    s.append("<figure class=\"chart\" id=\"")
        .append(Html.esc(id))
        .append("\"><svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"")
        .append(labelWidth + barWidth + 80)
        .append("\" height=\"")
        .append(height)
        .append("\"><title>")
        .append(Html.esc(title))
        .append("</title>");
    s.append("<text x=\"0\" y=\"16\" class=\"chart-title\">")
        .append(Html.esc(title))
        .append("</text>");
    int lx = 0;
    for (Bar l : legend) {
      s.append("<rect x=\"")
          .append(lx)
          .append("\" y=\"24\" width=\"12\" height=\"12\" fill=\"")
          .append(l.colour())
          .append("\"/>");
      s.append("<text x=\"")
          .append(lx + 16)
          .append("\" y=\"34\" class=\"chart-label\">")
          .append(Html.esc(l.label()))
          .append("</text>");
      lx += 16 + 9 * l.label().length() + 20;
    }
    int y = 48;
    for (Stack st : stacks) {
      s.append("<text x=\"0\" y=\"")
          .append(y + 14)
          .append("\" class=\"chart-label\">")
          .append(Html.esc(st.label()))
          .append("</text>");
      long x = labelWidth;
      for (Bar seg : st.segments()) {
        long w = Math.round((double) seg.value() / max * barWidth);
        if (w > 0) {
          s.append("<rect x=\"")
              .append(x)
              .append("\" y=\"")
              .append(y + 3)
              .append("\" width=\"")
              .append(w)
              .append("\" height=\"14\" fill=\"")
              .append(seg.colour())
              .append("\"><title>")
              .append(Html.esc(seg.label() + ": " + seg.value()))
              .append("</title></rect>");
          x += w;
        }
      }
      s.append("<text x=\"")
          .append(x + 6)
          .append("\" y=\"")
          .append(y + 14)
          .append("\" class=\"chart-value\">")
          .append(st.total())
          .append("</text>");
      y += rowHeight;
    }
    s.append("</svg></figure>");
    return s.toString();
  }
}
