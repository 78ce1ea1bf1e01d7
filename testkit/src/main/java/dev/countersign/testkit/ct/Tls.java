package dev.countersign.testkit.ct;

import java.io.ByteArrayOutputStream;

/** Big-endian unsigned integers of TLS presentation language (RFC 5246 §4). */
final class Tls {
  private Tls() {}

  /** Writes the low {@code width} bytes of {@code value}, most significant first. */
  static void writeUint(ByteArrayOutputStream out, long value, int width) {
    if (width < 8 && (value >>> (8 * width)) != 0) {
      throw new IllegalArgumentException(value + " does not fit in " + width + " bytes");
    }
    for (int shift = 8 * (width - 1); shift >= 0; shift -= 8) {
      out.write((int) (value >>> shift) & 0xff);
    }
  }
}
