package dev.countersign.verify.internal.crypto;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Minimal, strict PEM reading and writing. */
public final class Pem {
  private static final Pattern BLOCK =
      Pattern.compile(
          "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)\\s*-----END \\1-----",
          Pattern.DOTALL);

  private Pem() {}

  /** One PEM block. */
  public record Block(String type, byte[] der) {}

  /** Every block in the text, in order. Blocks with invalid base64 are an error. */
  public static List<Block> all(String text) throws KeyFormatException {
    List<Block> blocks = new ArrayList<>();
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      String body = m.group(2).replaceAll("\\s", "");
      try {
        blocks.add(new Block(m.group(1), Base64.getDecoder().decode(body)));
      } catch (IllegalArgumentException e) {
        throw new KeyFormatException("PEM block " + m.group(1) + " has invalid base64");
      }
    }
    return blocks;
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
