package dev.countersign.report.packet.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.report.packet.PacketException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The packet folder being written. Every path is checked to stay inside it and to use the packet's
 * file-name alphabet ({@link Names}); nothing is ever written twice.
 */
public final class PacketFiles {
  private final Path root;
  private final EvidenceRegistry registry = new EvidenceRegistry();

  private PacketFiles(Path root) {
    this.root = root;
  }

  /**
   * Creates the folder, or takes an existing empty one.
   *
   * @throws PacketException when it exists and is not empty, or cannot be created
   */
  public static PacketFiles create(Path folder) {
    Path root = folder.toAbsolutePath().normalize();
    try {
      if (Files.exists(root)) {
        if (!Files.isDirectory(root)) {
          throw new PacketException(
              PacketException.Reason.OUTPUT_EXISTS, root + " exists and is not a folder");
        }
        try (Stream<Path> s = Files.list(root)) {
          if (s.findAny().isPresent()) {
            throw new PacketException(
                PacketException.Reason.OUTPUT_EXISTS,
                root + " is not empty; a packet is written into a new or empty folder");
          }
        }
      }
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new PacketException(
          PacketException.Reason.OUTPUT_UNWRITABLE, "cannot create " + root + ": " + e, e);
    }
    return new PacketFiles(root);
  }

  public Path root() {
    return root;
  }

  public EvidenceRegistry registry() {
    return registry;
  }

  /** The absolute path of a packet-relative path, which must be in the packet alphabet. */
  public Path resolve(String relative) {
    if (!Names.safe(relative)) {
      throw new IllegalArgumentException("not a packet path: " + relative);
    }
    Path p = root.resolve(relative).normalize();
    if (!p.startsWith(root)) {
      throw new IllegalArgumentException("outside the packet: " + relative);
    }
    return p;
  }

  public String relative(Path p) {
    return root.relativize(p.toAbsolutePath().normalize()).toString().replace('\\', '/');
  }

  public Path write(String relative, byte[] content) throws IOException {
    Path p = resolve(relative);
    Files.createDirectories(p.getParent());
    Files.write(p, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    return p;
  }

  /** Writes unless a file with this path exists (content-addressed files). */
  public boolean writeIfAbsent(String relative, byte[] content) throws IOException {
    Path p = resolve(relative);
    Files.createDirectories(p.getParent());
    try {
      Files.write(p, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    }
  }

  public Path writeJson(String relative, JsonNode node) throws IOException {
    return write(relative, PacketJson.pretty(node));
  }

  public OutputStream open(String relative) throws IOException {
    Path p = resolve(relative);
    Files.createDirectories(p.getParent());
    return Files.newOutputStream(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
  }

  public Path copy(Path source, String relative) throws IOException {
    Path p = resolve(relative);
    Files.createDirectories(p.getParent());
    Files.copy(source, p, StandardCopyOption.COPY_ATTRIBUTES);
    return p;
  }

  /**
   * Makes {@code linkRelative} the same file as {@code existingRelative}: a hard link where the
   * file system allows it, a copy otherwise. Either way the bytes are identical.
   */
  public void link(String existingRelative, String linkRelative) throws IOException {
    Path existing = resolve(existingRelative);
    Path link = resolve(linkRelative);
    Files.createDirectories(link.getParent());
    try {
      Files.createLink(link, existing);
    } catch (UnsupportedOperationException | IOException e) {
      if (Files.exists(link)) {
        throw e instanceof IOException ? (IOException) e : new IOException(e);
      }
      Files.copy(existing, link);
    }
  }

  /** Writes with an unchecked exception, for lambdas. */
  public void writeUnchecked(String relative, byte[] content) {
    try {
      write(relative, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return Objects.toString(root);
  }
}
