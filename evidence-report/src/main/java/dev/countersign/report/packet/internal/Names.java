package dev.countersign.report.packet.internal;

import java.util.regex.Pattern;

/**
 * File names inside a packet. Every path is ASCII from a small alphabet, so it reads the same in
 * the CMMC hashing log (an ASCII CSV), in PowerShell and in {@code sha256sum -c}, and never needs
 * quoting: letters, digits and {@code . _ - + = @ %}.
 */
public final class Names {
  private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._+=@%-]");

  private Names() {}

  /** One path segment from any text: unsafe characters become {@code _}; never empty or dots. */
  public static String segment(String text) {
    String s = UNSAFE.matcher(text).replaceAll("_");
    if (s.isEmpty() || s.equals(".") || s.equals("..")) {
      return "_" + s;
    }
    return s.length() > 200 ? s.substring(0, 200) : s;
  }

  /** A relative path from {@code /}-separated text, each segment made safe. */
  public static String path(String text) {
    StringBuilder b = new StringBuilder();
    for (String part : text.split("/")) {
      if (part.isEmpty()) {
        continue;
      }
      if (b.length() > 0) {
        b.append('/');
      }
      b.append(segment(part));
    }
    return b.toString();
  }

  /** {@code sha256:abc} as a file name: {@code sha256-abc}. */
  public static String digest(String digest) {
    return segment(digest.replace(':', '-'));
  }

  /** Whether a relative path is already in the packet alphabet. */
  public static boolean safe(String relative) {
    if (relative.isEmpty() || relative.startsWith("/") || relative.endsWith("/")) {
      return false;
    }
    for (String part : relative.split("/", -1)) {
      if (part.isEmpty() || part.equals(".") || part.equals("..") || UNSAFE.matcher(part).find()) {
        return false;
      }
    }
    return true;
  }
}
