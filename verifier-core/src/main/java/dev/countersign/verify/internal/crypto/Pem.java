package dev.countersign.verify.internal.crypto;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** Minimal, strict PEM reading and writing. */
public final class Pem {
  private static final String BEGIN = "-----BEGIN ";
  private static final String END = "-----END ";
  private static final String DASHES = "-----";

  private Pem() {}

  /** One PEM block. */
  public record Block(String type, byte[] der) {}

  /**
   * Every block in the text, in order. Blocks with invalid base64 are an error. A block is {@code
   * -----BEGIN T-----}, base64 and whitespace only, then {@code -----END T-----} with the same type
   * {@code T} (capitals, digits and spaces); text around and between blocks is ignored, as is a
   * BEGIN line without a well-formed block after it.
   */
  public static List<Block> all(String text) throws KeyFormatException {
    // A plain scan rather than a regular expression: every bundle carries PEM, and the
    // backtracking match cost more than the rest of reading it.
    List<Block> blocks = new ArrayList<>();
    int from = 0;
    while (true) {
      int begin = text.indexOf(BEGIN, from);
      if (begin < 0) {
        return blocks;
      }
      from = begin + 1;
      int typeStart = begin + BEGIN.length();
      int typeEnd = text.indexOf(DASHES, typeStart);
      if (typeEnd <= typeStart || !isType(text, typeStart, typeEnd)) {
        continue;
      }
      String type = text.substring(typeStart, typeEnd);
      String end = END + type + DASHES;
      int bodyStart = typeEnd + DASHES.length();
      int bodyEnd = text.indexOf(end, bodyStart);
      if (bodyEnd < 0) {
        continue;
      }
      StringBuilder body = new StringBuilder(bodyEnd - bodyStart);
      if (!base64Body(text, bodyStart, bodyEnd, body)) {
        continue;
      }
      try {
        blocks.add(new Block(type, Base64.getDecoder().decode(body.toString())));
      } catch (IllegalArgumentException e) {
        throw new KeyFormatException("PEM block " + type + " has invalid base64");
      }
      from = bodyEnd + end.length();
    }
  }

  private static boolean isType(String text, int start, int end) {
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' ')) {
        return false;
      }
    }
    return true;
  }

  /** Appends the base64 characters of text[start, end) to out; false if anything else is there. */
  private static boolean base64Body(String text, int start, int end, StringBuilder out) {
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '+'
          || c == '/'
          || c == '=') {
        out.append(c);
      } else if (!Character.isWhitespace(c)) {
        return false;
      }
    }
    return true;
  }

  public static Optional<Block> first(String text) throws KeyFormatException {
    List<Block> all = all(text);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
  }

  public static String encode(String type, byte[] der) {
    String b64 =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + b64 + "\n-----END " + type + "-----\n";
  }
}
