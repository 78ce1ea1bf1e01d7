package dev.countersign.admission.records;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Reads and rewrites log files byte for byte, and signs lines the way RECORDS.md says, with the
 * JDK's own Ed25519 (independent of the code under test).
 */
final class LogFiles {
  private LogFiles() {}

  /** The lines of a newline-terminated file, without their newlines. */
  static List<byte[]> lines(Path file) throws IOException {
    byte[] all = Files.readAllBytes(file);
    List<byte[]> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < all.length; i++) {
      if (all[i] == '\n') {
        out.add(Arrays.copyOfRange(all, start, i));
        start = i + 1;
      }
    }
    if (start != all.length) {
      throw new IllegalStateException(file + " does not end with a newline");
    }
    return out;
  }

  static Path write(Path file, List<byte[]> lines) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] l : lines) {
      out.write(l);
      out.write('\n');
    }
    Files.write(file, out.toByteArray());
    return file;
  }

  static String text(byte[] line) {
    return new String(line, StandardCharsets.UTF_8);
  }

  static byte[] bytes(String line) {
    return line.getBytes(StandardCharsets.UTF_8);
  }

  /** The signed part of a line: everything before the last {@code ,"sig":}, closed with a brace. */
  static byte[] signedPart(byte[] line) {
    String s = text(line);
    return bytes(s.substring(0, s.lastIndexOf(",\"sig\":")) + "}");
  }

  /** {@code signed} with a signature by {@code key}, naming {@code keyId}. */
  static byte[] signEd25519(byte[] signed, KeyPair key, String keyId) {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(key.getPrivate());
      s.update(signed);
      String value = Base64.getEncoder().encodeToString(s.sign());
      String body = text(signed);
      return bytes(
          body.substring(0, body.length() - 1)
              + ",\"sig\":{\"alg\":\"Ed25519\",\"keyId\":\""
              + keyId
              + "\",\"value\":\""
              + value
              + "\"}}");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
