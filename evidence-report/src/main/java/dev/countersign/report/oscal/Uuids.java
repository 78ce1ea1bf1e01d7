package dev.countersign.report.oscal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Name-based version 5 UUIDs (RFC 9562), so that the same packet content gives the same OSCAL
 * document. {@link UUID#nameUUIDFromBytes} makes version 3, which OSCAL does not accept.
 */
public final class Uuids {
  /** The namespace of Countersign's OSCAL identifiers. */
  static final UUID NAMESPACE = UUID.fromString("7c1e4f0a-3f7b-5d64-9a0e-2b8f3c6d9e51");

  private Uuids() {}

  /** A version 5 UUID of {@code name} in Countersign's OSCAL namespace. */
  static UUID v5(String name) {
    return v5(NAMESPACE, name);
  }

  /** A version 5 UUID of {@code name} in {@code namespace}. */
  public static UUID v5(UUID namespace, String name) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      ByteBuffer ns = ByteBuffer.allocate(16);
      ns.putLong(namespace.getMostSignificantBits());
      ns.putLong(namespace.getLeastSignificantBits());
      sha1.update(ns.array());
      sha1.update(name.getBytes(StandardCharsets.UTF_8));
      byte[] h = sha1.digest();
      h[6] = (byte) ((h[6] & 0x0f) | 0x50);
      h[8] = (byte) ((h[8] & 0x3f) | 0x80);
      ByteBuffer b = ByteBuffer.wrap(h, 0, 16);
      return new UUID(b.getLong(), b.getLong());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is not available", e);
    }
  }
}
