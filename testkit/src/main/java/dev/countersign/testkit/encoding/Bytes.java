package dev.countersign.testkit.encoding;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * An immutable byte string: the value type for every binary field in the testkit's models, so that
 * records holding it really are values (equality by content, no aliasing).
 */
public final class Bytes {
  private static final Bytes EMPTY = new Bytes(new byte[0]);

  private final byte[] value;

  private Bytes(byte[] value) {
    this.value = value;
  }

  /** Copies {@code value}. */
  public static Bytes of(byte[] value) {
    return new Bytes(value.clone());
  }

  /** The empty byte string. */
  public static Bytes empty() {
    return EMPTY;
  }

  /** The UTF-8 encoding of {@code text}. */
  public static Bytes utf8(String text) {
    return new Bytes(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Decodes standard (RFC 4648 §4) base64. */
  public static Bytes fromBase64(String base64) {
    return new Bytes(Base64.getDecoder().decode(base64));
  }

  /** Decodes hexadecimal, either case. */
  public static Bytes fromHex(String hex) {
    return new Bytes(HexFormat.of().parseHex(hex));
  }

  /** A fresh copy of the content. */
  public byte[] toByteArray() {
    return value.clone();
  }

  /** Number of bytes. */
  public int length() {
    return value.length;
  }

  /** The byte at {@code index}. */
  public byte byteAt(int index) {
    return value[index];
  }

  /** Standard base64 with padding, as the protobuf JSON mapping writes {@code bytes} fields. */
  public String base64() {
    return Base64.getEncoder().encodeToString(value);
  }

  /** Lowercase hexadecimal. */
  public String hex() {
    return HexFormat.of().formatHex(value);
  }

  /** The content decoded as UTF-8. */
  public String utf8String() {
    return new String(value, StandardCharsets.UTF_8);
  }

  /** {@code this} followed by {@code other}. */
  public Bytes concat(Bytes other) {
    byte[] joined = Arrays.copyOf(value, value.length + other.value.length);
    System.arraycopy(other.value, 0, joined, value.length, other.value.length);
    return new Bytes(joined);
  }

  /** The bytes from {@code from} (inclusive) to {@code to} (exclusive). */
  public Bytes slice(int from, int to) {
    return new Bytes(Arrays.copyOfRange(value, from, to));
  }

  /**
   * A copy with the lowest bit of one byte inverted, for making tampered variants. A negative
   * {@code index} counts from the end ({@code -1} is the last byte).
   */
  public Bytes withBitFlipped(int index) {
    int at = index < 0 ? value.length + index : index;
    byte[] copy = value.clone();
    copy[at] ^= 0x01;
    return new Bytes(copy);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Bytes that && Arrays.equals(value, that.value);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    String hex = hex();
    return "Bytes[" + value.length + "]" + (hex.length() > 64 ? hex.substring(0, 64) + "…" : hex);
  }
}
