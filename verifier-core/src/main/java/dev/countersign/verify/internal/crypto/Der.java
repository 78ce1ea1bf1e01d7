package dev.countersign.verify.internal.crypto;

import java.util.Arrays;

/** Slices raw TLVs out of DER without re-encoding, so signed bytes stay exactly as received. */
public final class Der {
  private Der() {}

  /** A tag-length-value located in a buffer. */
  public record Tlv(int tag, int headerStart, int valueStart, int end) {
    public byte[] bytes(byte[] buf) {
      return Arrays.copyOfRange(buf, headerStart, end);
    }
  }

  /** Reads the TLV starting at {@code offset}; throws IllegalArgumentException when malformed. */
  public static Tlv read(byte[] buf, int offset, int limit) {
    if (offset + 2 > limit) {
      throw new IllegalArgumentException("truncated DER");
    }
    int tag = buf[offset] & 0xff;
    if ((tag & 0x1f) == 0x1f) {
      throw new IllegalArgumentException("multi-byte DER tags are not supported");
    }
    int lenByte = buf[offset + 1] & 0xff;
    int pos = offset + 2;
    long length;
    if (lenByte < 0x80) {
      length = lenByte;
    } else {
      int n = lenByte & 0x7f;
      if (n == 0 || n > 4) {
        throw new IllegalArgumentException("unsupported DER length form");
      }
      if (pos + n > limit) {
        throw new IllegalArgumentException("truncated DER length");
      }
      length = 0;
      for (int i = 0; i < n; i++) {
        length = (length << 8) | (buf[pos + i] & 0xff);
      }
      pos += n;
      if (length < 0x80 || (n > 1 && (buf[offset + 2] & 0xff) == 0)) {
        throw new IllegalArgumentException("non-minimal DER length");
      }
    }
    if (length > limit - pos) {
      throw new IllegalArgumentException("DER value runs past its container");
    }
    return new Tlv(tag, offset, pos, pos + (int) length);
  }

  /**
   * For a DER SEQUENCE in {@code buf}, returns the first element's TLV (for a certificate: the raw
   * TBSCertificate) and checks the sequence spans the whole buffer.
   */
  public static Tlv firstElementOfSequence(byte[] buf) {
    Tlv outer = read(buf, 0, buf.length);
    if (outer.tag() != 0x30) {
      throw new IllegalArgumentException("not a DER SEQUENCE");
    }
    if (outer.end() != buf.length) {
      throw new IllegalArgumentException("trailing data after DER SEQUENCE");
    }
    return read(buf, outer.valueStart(), outer.end());
  }
}
