package dev.countersign.report.aws.internal;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.countersign.report.aws.EvidenceSink;
import dev.countersign.report.aws.Query;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Writes each file under a root folder and one line per file to {@code queries.jsonl}: path,
 * SHA-256 and the query, so the index doubles as a manifest of the raw evidence.
 */
public final class DirectoryEvidenceSink implements EvidenceSink {
  public static final String INDEX = "queries.jsonl";
  private static final Pattern SAFE_SEGMENT = Pattern.compile("[A-Za-z0-9._%@=+,-]+");

  private final Path root;
  private final OutputStream index;
  private final JsonGenerator indexJson;

  public DirectoryEvidenceSink(Path root) throws IOException {
    this.root = root.toAbsolutePath().normalize();
    Files.createDirectories(this.root);
    this.index =
        Files.newOutputStream(
            this.root.resolve(INDEX), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    this.indexJson = Json.MAPPER.getFactory().createGenerator(index, JsonEncoding.UTF8);
    // one object per line, no separator before the next
    this.indexJson.setRootValueSeparator(null);
  }

  @Override
  public void write(String relativePath, byte[] content, Query query) throws IOException {
    Path target = resolve(relativePath);
    Files.createDirectories(target.getParent());
    Files.write(target, content);
    String sha256 = sha256(content);
    synchronized (this) {
      indexJson.writeStartObject();
      indexJson.writeStringField("file", relativePath);
      indexJson.writeStringField("sha256", sha256);
      indexJson.writeNumberField("size", content.length);
      indexJson.writeFieldName("query");
      Json.writeQuery(indexJson, query);
      indexJson.writeEndObject();
      indexJson.writeRaw('\n');
      indexJson.flush();
    }
  }

  private Path resolve(String relativePath) {
    if (relativePath.isEmpty() || relativePath.startsWith("/") || relativePath.endsWith("/")) {
      throw new IllegalArgumentException("not a relative file path: " + relativePath);
    }
    for (String segment : relativePath.split("/", -1)) {
      if (segment.equals(".") || segment.equals("..") || !SAFE_SEGMENT.matcher(segment).matches()) {
        throw new IllegalArgumentException("unsafe path segment in " + relativePath);
      }
    }
    Path p = root.resolve(relativePath).normalize();
    if (!p.startsWith(root) || p.equals(root.resolve(INDEX))) {
      throw new IllegalArgumentException("path outside the evidence folder: " + relativePath);
    }
    return p;
  }

  static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    try (index) {
      indexJson.close();
    }
  }
}
