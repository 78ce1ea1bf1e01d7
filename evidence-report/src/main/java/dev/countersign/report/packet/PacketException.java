package dev.countersign.report.packet;

import java.util.Objects;

/**
 * The packet cannot be built as configured: an output folder that is not empty, a key that cannot
 * be read, an impossible window. Problems met while collecting are not thrown; they are recorded in
 * the packet as gaps.
 */
public final class PacketException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Stable reason codes. */
  public enum Reason {
    /** The output folder exists and is not empty: a packet is never written over other files. */
    OUTPUT_EXISTS,
    /** The output folder cannot be written. */
    OUTPUT_UNWRITABLE,
    /** A setting is missing or impossible. */
    CONFIGURATION_INVALID,
    /** The signing key cannot be read or is not Ed25519 or ECDSA P-256. */
    SIGNING_KEY_INVALID,
    /** An input file cannot be read. */
    INPUT_UNREADABLE,
    /** The assessment results document built does not validate (a defect; no packet is kept). */
    OSCAL_INVALID
  }

  private final Reason reason;

  public PacketException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason);
  }

  public PacketException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason);
  }

  public Reason reason() {
    return reason;
  }
}
