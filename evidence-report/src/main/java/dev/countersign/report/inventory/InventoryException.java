package dev.countersign.report.inventory;

import java.util.Objects;

/**
 * An inventory that cannot be used: an unreadable or malformed file, or a Kubernetes API that
 * refused or could not be reached. The reason code is stable; the message names the file and field
 * or the request.
 */
public final class InventoryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Stable reason codes. */
  public enum Reason {
    /** The file cannot be read. */
    INVENTORY_UNREADABLE,
    /** The file is not the inventory format: wrong schema, unknown or missing fields. */
    INVENTORY_INVALID,
    /** An entry names an image by tag only: an inventory names what runs, by digest. */
    INVENTORY_NOT_PINNED,
    /** The file lists no image at all; an empty inventory is never evidence of anything. */
    INVENTORY_EMPTY,
    /** The Kubernetes API could not be reached or refused the request. */
    KUBERNETES_UNAVAILABLE
  }

  private final Reason reason;

  public InventoryException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason);
  }

  public InventoryException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason);
  }

  public Reason reason() {
    return reason;
  }
}
