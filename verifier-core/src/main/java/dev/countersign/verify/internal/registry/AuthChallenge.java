package dev.countersign.verify.internal.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One challenge of a {@code WWW-Authenticate} header (RFC 9110 §11.6.1): a scheme and its
 * parameters. Parameters may come in any order, quoted values may contain commas and escaped
 * quotes, and one header may carry several challenges.
 *
 * @param scheme the lower-case scheme, e.g. {@code bearer} or {@code basic}
 * @param params parameters by lower-case name
 */
record AuthChallenge(String scheme, Map<String, String> params) {
  AuthChallenge {
    params = Map.copyOf(params);
  }

  boolean isBearer() {
    return scheme.equals("bearer");
  }

  boolean isBasic() {
    return scheme.equals("basic");
  }

  Optional<String> param(String name) {
    return Optional.ofNullable(params.get(name));
  }

  /**
   * The challenge the client answers: Bearer with a realm if offered (token service), otherwise
   * Basic; empty if neither is usable.
   */
  static Optional<AuthChallenge> select(List<String> headerValues) {
    List<AuthChallenge> all = new ArrayList<>();
    for (String value : headerValues) {
      all.addAll(parse(value));
    }
    for (AuthChallenge c : all) {
      if (c.isBearer() && c.params.containsKey("realm")) {
        return Optional.of(c);
      }
    }
    return all.stream().filter(AuthChallenge::isBasic).findFirst();
  }

  /** Every challenge in one header value; unparseable tails are dropped, never guessed at. */
  static List<AuthChallenge> parse(String header) {
    List<AuthChallenge> out = new ArrayList<>();
    Cursor c = new Cursor(header == null ? "" : header);
    while (true) {
      c.skip(" \t,");
      String scheme = c.token();
      if (scheme.isEmpty()) {
        return out;
      }
      Map<String, String> params = new LinkedHashMap<>();
      c.skip(" \t");
      while (c.startsParam()) {
        String name = c.token().toLowerCase(Locale.ROOT);
        c.skip(" \t");
        c.next(); // '='
        c.skip(" \t");
        String value = c.peek() == '"' ? c.quoted() : c.bareValue();
        if (value == null) {
          out.add(new AuthChallenge(scheme.toLowerCase(Locale.ROOT), params));
          return out;
        }
        params.putIfAbsent(name, value);
        c.skip(" \t");
        if (c.peek() != ',') {
          break;
        }
        c.next();
        c.skip(" \t");
      }
      out.add(new AuthChallenge(scheme.toLowerCase(Locale.ROOT), params));
      if (!c.atEnd() && c.peek() != ',' && !c.startsToken()) {
        // A token68 credential or junk: skip to the next comma-separated element.
        c.skipUntil(',');
      }
    }
  }

  /** A read position in a header value. */
  private static final class Cursor {
    private static final String TCHAR_EXTRA = "!#$%&'*+-.^_`|~";
    private final String s;
    private int i;

    Cursor(String s) {
      this.s = s;
    }

    boolean atEnd() {
      return i >= s.length();
    }

    char peek() {
      return atEnd() ? '\0' : s.charAt(i);
    }

    void next() {
      i++;
    }

    void skip(String chars) {
      while (!atEnd() && chars.indexOf(s.charAt(i)) >= 0) {
        i++;
      }
    }

    void skipUntil(char stop) {
      while (!atEnd() && s.charAt(i) != stop) {
        i++;
      }
    }

    static boolean isTchar(char ch) {
      return (ch >= 'a' && ch <= 'z')
          || (ch >= 'A' && ch <= 'Z')
          || (ch >= '0' && ch <= '9')
          || TCHAR_EXTRA.indexOf(ch) >= 0;
    }

    boolean startsToken() {
      return !atEnd() && isTchar(s.charAt(i));
    }

    String token() {
      int start = i;
      while (!atEnd() && isTchar(s.charAt(i))) {
        i++;
      }
      return s.substring(start, i);
    }

    /** Whether a {@code name=value} parameter (not a new challenge, not a token68) starts here. */
    boolean startsParam() {
      int save = i;
      try {
        if (token().isEmpty()) {
          return false;
        }
        skip(" \t");
        if (peek() != '=') {
          return false;
        }
        next();
        return peek() != '=' && peek() != ',' && !atEnd();
      } finally {
        i = save;
      }
    }

    /** A quoted-string with backslash escapes; null if unterminated. */
    String quoted() {
      StringBuilder sb = new StringBuilder();
      i++;
      while (!atEnd()) {
        char ch = s.charAt(i++);
        if (ch == '"') {
          return sb.toString();
        }
        if (ch == '\\' && !atEnd()) {
          ch = s.charAt(i++);
        }
        sb.append(ch);
      }
      return null;
    }

    /** An unquoted value: up to a comma or whitespace (lenient: realms are often unquoted URLs). */
    String bareValue() {
      int start = i;
      while (!atEnd() && ", \t\"".indexOf(s.charAt(i)) < 0) {
        i++;
      }
      return s.substring(start, i);
    }
  }
}
