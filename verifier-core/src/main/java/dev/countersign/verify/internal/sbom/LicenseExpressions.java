package dev.countersign.verify.internal.sbom;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decides whether an SPDX licence expression is denied by a set of licence ids: {@code A OR B} only
 * when every alternative is denied (the user may pick an allowed one), {@code A AND B} when any
 * part is, {@code A WITH exception} when {@code A} is, and {@code A+} when {@code A+} or {@code A}
 * is. An expression that cannot be parsed is denied when any id in it is (fail closed).
 */
final class LicenseExpressions {
  private static final int MAX_NESTING = 50;
  private final List<String> tokens;
  private final Set<String> denied;
  private int pos;
  private int nesting;

  private LicenseExpressions(List<String> tokens, Set<String> denied) {
    this.tokens = tokens;
    this.denied = denied;
  }

  /**
   * The denied ids that make the expression denied; empty when it is allowed.
   *
   * @param deniedUpper denied licence ids in upper case
   */
  static Set<String> denied(String expression, Set<String> deniedUpper) {
    List<String> tokens = tokenize(expression);
    LicenseExpressions p = new LicenseExpressions(tokens, deniedUpper);
    try {
      Set<String> result = p.or();
      if (p.pos != tokens.size()) {
        throw new IllegalArgumentException("unexpected " + tokens.get(p.pos));
      }
      return result;
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      Set<String> any = new LinkedHashSet<>();
      for (String t : tokens) {
        if (!isOperator(t) && !t.equals("(") && !t.equals(")")) {
          any.addAll(p.id(t));
        }
      }
      return any;
    }
  }

  /** Whether one licence id is denied (ignoring case; {@code A+} also by {@code A}). */
  static Set<String> deniedId(String id, Set<String> deniedUpper) {
    return new LicenseExpressions(List.of(), deniedUpper).id(id.trim());
  }

  private Set<String> or() {
    List<Set<String>> alternatives = new ArrayList<>();
    alternatives.add(and());
    while (pos < tokens.size() && upper(tokens.get(pos)).equals("OR")) {
      pos++;
      alternatives.add(and());
    }
    Set<String> all = new LinkedHashSet<>();
    for (Set<String> a : alternatives) {
      if (a.isEmpty()) {
        return Set.of();
      }
      all.addAll(a);
    }
    return all;
  }

  private Set<String> and() {
    Set<String> any = new LinkedHashSet<>(with());
    while (pos < tokens.size() && upper(tokens.get(pos)).equals("AND")) {
      pos++;
      any.addAll(with());
    }
    return any;
  }

  private Set<String> with() {
    Set<String> base = atom();
    if (pos < tokens.size() && upper(tokens.get(pos)).equals("WITH")) {
      pos++;
      String exception = tokens.get(pos++);
      if (isOperator(exception) || exception.equals("(") || exception.equals(")")) {
        throw new IllegalArgumentException("WITH needs an exception id");
      }
    }
    return base;
  }

  private Set<String> atom() {
    String t = tokens.get(pos++);
    if (t.equals("(")) {
      if (++nesting > MAX_NESTING) {
        throw new IllegalArgumentException("nested too deep");
      }
      Set<String> inner = or();
      if (!tokens.get(pos++).equals(")")) {
        throw new IllegalArgumentException("missing )");
      }
      nesting--;
      return inner;
    }
    if (isOperator(t) || t.equals(")")) {
      throw new IllegalArgumentException("unexpected " + t);
    }
    return id(t);
  }

  private Set<String> id(String id) {
    String u = upper(id);
    if (denied.contains(u)) {
      return Set.of(id);
    }
    if (u.endsWith("+") && denied.contains(u.substring(0, u.length() - 1))) {
      return Set.of(id);
    }
    return Set.of();
  }

  private static boolean isOperator(String t) {
    String u = upper(t);
    return u.equals("OR") || u.equals("AND") || u.equals("WITH");
  }

  private static String upper(String s) {
    return s.toUpperCase(Locale.ROOT);
  }

  private static List<String> tokenize(String expression) {
    List<String> out = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < expression.length(); i++) {
      char c = expression.charAt(i);
      if (c == '(' || c == ')' || Character.isWhitespace(c)) {
        if (word.length() > 0) {
          out.add(word.toString());
          word.setLength(0);
        }
        if (!Character.isWhitespace(c)) {
          out.add(String.valueOf(c));
        }
      } else {
        word.append(c);
      }
    }
    if (word.length() > 0) {
      out.add(word.toString());
    }
    return out;
  }
}
