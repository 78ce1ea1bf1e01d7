package dev.countersign.verify.internal.json;

/** A JSON document does not have the expected shape; {@link #path()} says where. */
public final class JsonFormatException extends Exception {
  private static final long serialVersionUID = 1L;
  private final String path;

  public JsonFormatException(String path, String message) {
    super(path.isEmpty() ? message : path + ": " + message);
    this.path = path;
  }

  public JsonFormatException(String path, String message, Throwable cause) {
    super(path.isEmpty() ? message : path + ": " + message, cause);
    this.path = path;
  }

  /** JSON path of the offending field, for example {@code verificationMaterial.tlogEntries[0]}. */
  public String path() {
    return path;
  }
}
