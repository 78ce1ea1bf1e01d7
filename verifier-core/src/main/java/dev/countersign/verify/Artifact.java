package dev.countersign.verify;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The thing a signature or attestation is about: a file, bytes in memory, or only a digest of it.
 * Digests of files are computed on demand, streaming, once per algorithm.
 */
public final class Artifact {
  /** Largest artifact held in memory for signatures that need the whole message (Ed25519). */
  static final long MAX_IN_MEMORY_BYTES = 256L * 1024 * 1024;

  private final Path file;
  private final byte[] bytes;
  private final Digest digest;
  private final Map<String, Digest> computed = new ConcurrentHashMap<>();

  private Artifact(Path file, byte[] bytes, Digest digest) {
    this.file = file;
    this.bytes = bytes;
    this.digest = digest;
  }

  public static Artifact ofFile(Path file) {
    return new Artifact(Objects.requireNonNull(file, "file"), null, null);
  }

  public static Artifact ofBytes(byte[] bytes) {
    return new Artifact(null, Objects.requireNonNull(bytes, "bytes").clone(), null);
  }

  public static Artifact ofDigest(Digest digest) {
    return new Artifact(null, null, Objects.requireNonNull(digest, "digest"));
  }

  /** The file, when the artifact is a file. */
  public Optional<Path> file() {
    return Optional.ofNullable(file);
  }

  /** True when only a digest is known, so the content itself is unavailable. */
  public boolean isDigestOnly() {
    return digest != null;
  }

  /**
   * The artifact's digest with {@code algorithm} (sha256, sha384, sha512). Empty when only a digest
   * of another algorithm is known.
   *
   * @throws IOException if the file cannot be read
   */
  public Optional<Digest> digest(String algorithm) throws IOException {
    String alg = algorithm.toLowerCase(Locale.ROOT);
    if (digest != null) {
      return digest.algorithm().equals(alg) ? Optional.of(digest) : Optional.empty();
    }
    Digest d = computed.get(alg);
    if (d == null) {
      d = compute(alg);
      computed.put(alg, d);
    }
    return Optional.of(d);
  }

  private Digest compute(String alg) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance(jcaName(alg));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalArgumentException("unsupported digest algorithm " + alg, e);
    }
    if (bytes != null) {
      return new Digest(alg, md.digest(bytes));
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[64 * 1024];
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
    }
    return new Digest(alg, md.digest());
  }

  /**
   * The whole content, for signature schemes that sign the message itself (Ed25519). Empty for a
   * digest-only artifact.
   *
   * @throws IOException if the file cannot be read or is too large to hold in memory
   */
  public Optional<byte[]> content() throws IOException {
    if (bytes != null) {
      return Optional.of(bytes.clone());
    }
    if (file == null) {
      return Optional.empty();
    }
    if (Files.size(file) > MAX_IN_MEMORY_BYTES) {
      throw new IOException(file + " is larger than " + MAX_IN_MEMORY_BYTES + " bytes");
    }
    return Optional.of(Files.readAllBytes(file));
  }

  private static String jcaName(String alg) {
    switch (alg) {
      case "sha256":
        return "SHA-256";
      case "sha384":
        return "SHA-384";
      case "sha512":
        return "SHA-512";
      default:
        throw new IllegalArgumentException("unsupported digest algorithm " + alg);
    }
  }

  /** For people: the file name, or the digest. */
  public String describe() {
    if (file != null) {
      return file.toString();
    }
    if (digest != null) {
      return digest.toString();
    }
    return "<" + bytes.length + " bytes>";
  }

  @Override
  public String toString() {
    return "Artifact[" + describe() + "]";
  }
}
