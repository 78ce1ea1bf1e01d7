package dev.countersign.verify.internal.registry;

import dev.countersign.verify.Digest;
import dev.countersign.verify.internal.json.Json;
import dev.countersign.verify.internal.json.JsonFormatException;
import dev.countersign.verify.oci.Descriptor;
import dev.countersign.verify.oci.FetchedManifest;
import dev.countersign.verify.oci.ImageReference;
import dev.countersign.verify.oci.OciRegistry;
import dev.countersign.verify.oci.RegistryException;
import dev.countersign.verify.oci.RegistryException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An {@link OciRegistry} over an OCI image layout directory ({@code oci-layout}, {@code
 * index.json}, {@code blobs/<alg>/<hex>}), with the same digest, size and limit checks as the HTTP
 * client.
 *
 * <p>One layout holds one repository: the registry and repository of references are ignored, and
 * only tags and digests count. Tags are the {@code org.opencontainers.image.ref.name} annotations
 * of {@code index.json} entries, either a bare tag ({@code v1}) or a full name ({@code repo:v1}).
 * Referrers are found by reading every manifest reachable from {@code index.json} and keeping those
 * whose {@code subject} names the digest; a layout always "supports" referrers.
 */
public final class OciLayoutRegistry implements OciRegistry {
  static final String REF_NAME = "org.opencontainers.image.ref.name";
  private static final int MAX_SCANNED_MANIFESTS = 1_000_000;

  private final Path root;
  private final long maxManifestBytes;
  private final long maxBlobBytes;
  private volatile ReferrerIndex referrers;

  /**
   * @throws IllegalArgumentException if {@code root} is not an OCI image layout
   */
  public OciLayoutRegistry(Path root, long maxManifestBytes, long maxBlobBytes) {
    this.root = root.toAbsolutePath().normalize();
    this.maxManifestBytes = maxManifestBytes;
    this.maxBlobBytes = maxBlobBytes;
    Path marker = this.root.resolve("oci-layout");
    if (!Files.isRegularFile(marker) || !Files.isRegularFile(this.root.resolve("index.json"))) {
      throw new IllegalArgumentException(
          "not an OCI image layout (oci-layout and index.json expected): " + this.root);
    }
    try {
      byte[] text = read(marker, 4096, "oci-layout");
      String version =
          DescriptorJson.string(Json.parseObject(text, "oci-layout"), "imageLayoutVersion", "");
      if (!version.startsWith("1.")) {
        throw new IllegalArgumentException(
            "unsupported OCI image layout version " + version + ": " + this.root);
      }
    } catch (JsonFormatException | RegistryException e) {
      throw new IllegalArgumentException(
          "invalid oci-layout file in " + this.root + ": " + e.getMessage(), e);
    }
  }

  @Override
  public FetchedManifest manifest(ImageReference reference) throws RegistryException {
    return manifestIfPresent(reference)
        .orElseThrow(
            () ->
                new RegistryException(
                    Kind.NOT_FOUND,
                    reference.toString(),
                    reference + ": no such manifest in the layout " + root));
  }

  @Override
  public Optional<FetchedManifest> manifestIfPresent(ImageReference reference)
      throws RegistryException {
    String location = reference.toString();
    List<Descriptor> entries = index(location).manifests();
    Digest digest;
    Optional<Descriptor> entry;
    if (reference.digest().isPresent()) {
      digest = reference.digest().get();
      entry = entries.stream().filter(d -> d.digest().matches(digest)).findFirst();
    } else {
      entry = resolveTag(entries, reference.tag().orElse("latest"), location);
      if (entry.isEmpty()) {
        return Optional.empty();
      }
      digest = entry.get().digest();
    }
    Optional<byte[]> bytes = manifestBytes(digest, entry, location);
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    ManifestDocument doc =
        parse(bytes.get(), entry.map(Descriptor::mediaType).orElse(null), location);
    return Optional.of(new FetchedManifest(digest, doc.mediaType(), bytes.get()));
  }

  @Override
  public byte[] blob(ImageReference repository, Descriptor descriptor) throws RegistryException {
    String location = repository.name() + "@" + descriptor.digest();
    if (descriptor.size() > maxBlobBytes) {
      throw new RegistryException(
          Kind.TOO_LARGE,
          location,
          location
              + ": blob of "
              + descriptor.size()
              + " bytes exceeds the limit of "
              + maxBlobBytes);
    }
    Optional<byte[]> bytes =
        verified(descriptor.digest(), descriptor.size(), descriptor.size(), location);
    return bytes.orElseThrow(
        () -> new RegistryException(Kind.NOT_FOUND, location, location + ": no such blob"));
  }

  @Override
  public Optional<List<Descriptor>> referrers(ImageReference repository, Digest subject)
      throws RegistryException {
    String location = repository.name() + " referrers of " + subject;
    return Optional.of(referrerIndex(location).getOrDefault(subject.toString(), List.of()));
  }

  /**
   * Every manifest reachable from index.json, grouped by the subject it names. Built once per
   * content of index.json (its SHA-256), so a layout holding thousands of images answers each
   * referrers lookup without reading every manifest again; a rewritten index is noticed at once.
   */
  private Map<String, List<Descriptor>> referrerIndex(String location) throws RegistryException {
    IndexVersion version = indexVersion(location);
    ReferrerIndex cached = referrers;
    if (cached != null && cached.version().equals(version)) {
      return cached.bySubject();
    }
    Map<String, List<Descriptor>> bySubject = new HashMap<>();
    Deque<Descriptor> queue = new ArrayDeque<>(index(location).manifests());
    Set<Digest> seen = new HashSet<>();
    while (!queue.isEmpty()) {
      Descriptor d = queue.removeFirst();
      if (!MediaTypes.isManifest(d.mediaType()) || !seen.add(d.digest())) {
        continue;
      }
      if (seen.size() > MAX_SCANNED_MANIFESTS) {
        throw new RegistryException(
            Kind.TOO_LARGE,
            location,
            location + ": more than " + MAX_SCANNED_MANIFESTS + " manifests in the layout");
      }
      // Entries whose blobs were not copied (other platforms of an index) are simply absent.
      Optional<byte[]> bytes = manifestBytes(d.digest(), Optional.of(d), location);
      if (bytes.isEmpty()) {
        continue;
      }
      ManifestDocument doc = parse(bytes.get(), d.mediaType(), location);
      if (doc.subject().isPresent()) {
        bySubject
            .computeIfAbsent(doc.subject().get().digest().toString(), k -> new ArrayList<>())
            .add(
                new Descriptor(
                    doc.mediaType(),
                    d.digest(),
                    d.size(),
                    doc.effectiveArtifactType(),
                    doc.annotations(),
                    Optional.empty()));
      }
      queue.addAll(doc.manifests());
    }
    bySubject.replaceAll((k, v) -> List.copyOf(v));
    referrers = new ReferrerIndex(version, Map.copyOf(bySubject));
    return referrers.bySubject();
  }

  private IndexVersion indexVersion(String location) throws RegistryException {
    byte[] bytes = read(root.resolve("index.json"), maxManifestBytes, location);
    return new IndexVersion(
        java.util.HexFormat.of()
            .formatHex(
                dev.countersign.verify.internal.crypto.HashAlgorithm.SHA2_256
                    .newDigest()
                    .digest(bytes)));
  }

  /** A version of index.json: the SHA-256 of its bytes. */
  private record IndexVersion(String sha256) {}

  private record ReferrerIndex(IndexVersion version, Map<String, List<Descriptor>> bySubject) {}

  /**
   * The index.json entry a tag names: an exact {@code ref.name} first, else a full name ending in
   * {@code :tag}. Several different manifests under one tag is an error, not a choice.
   */
  private static Optional<Descriptor> resolveTag(
      List<Descriptor> entries, String tag, String location) throws RegistryException {
    List<Descriptor> exact = new ArrayList<>();
    List<Descriptor> named = new ArrayList<>();
    for (Descriptor d : entries) {
      String name = d.annotation(REF_NAME).orElse(null);
      if (name == null) {
        continue;
      }
      if (name.equals(tag)) {
        exact.add(d);
      } else {
        int colon = name.lastIndexOf(':');
        if (colon > name.lastIndexOf('/') && name.substring(colon + 1).equals(tag)) {
          named.add(d);
        }
      }
    }
    List<Descriptor> candidates = exact.isEmpty() ? named : exact;
    if (candidates.stream().map(Descriptor::digest).distinct().count() > 1) {
      throw new RegistryException(
          Kind.MALFORMED, location, location + ": index.json names several manifests " + tag);
    }
    return candidates.stream().findFirst();
  }

  private ManifestDocument index(String location) throws RegistryException {
    byte[] bytes = read(root.resolve("index.json"), maxManifestBytes, location);
    ManifestDocument index = parse(bytes, MediaTypes.OCI_INDEX, location + " (index.json)");
    if (!index.isIndex()) {
      throw new RegistryException(
          Kind.MALFORMED, location, location + ": index.json is not an image index");
    }
    return index;
  }

  private Optional<byte[]> manifestBytes(Digest digest, Optional<Descriptor> entry, String location)
      throws RegistryException {
    long limit = maxManifestBytes;
    if (entry.isPresent()) {
      if (entry.get().size() > maxManifestBytes) {
        throw new RegistryException(
            Kind.TOO_LARGE,
            location,
            location
                + ": manifest of "
                + entry.get().size()
                + " bytes exceeds the limit of "
                + maxManifestBytes);
      }
      limit = entry.get().size();
    }
    return verified(digest, entry.map(Descriptor::size).orElse(-1L), limit, location);
  }

  /** A blob's bytes, read within {@code limit}, checked against size (unless -1) and digest. */
  private Optional<byte[]> verified(Digest digest, long size, long limit, String location)
      throws RegistryException {
    Path file = root.resolve("blobs").resolve(digest.algorithm()).resolve(digest.hex());
    byte[] bytes;
    try {
      bytes = read(file, limit, location);
    } catch (NotFound e) {
      return Optional.empty();
    }
    if (size >= 0 && bytes.length != size) {
      throw new RegistryException(
          Kind.DIGEST_MISMATCH,
          location,
          location
              + ": "
              + digest
              + " has "
              + bytes.length
              + " bytes, the descriptor says "
              + size);
    }
    if (!ContentDigests.matches(digest, bytes)) {
      throw new RegistryException(
          Kind.DIGEST_MISMATCH, location, location + ": blob file does not match " + digest);
    }
    return Optional.of(bytes);
  }

  private static ManifestDocument parse(byte[] bytes, String declared, String location)
      throws RegistryException {
    try {
      return ManifestDocument.parse(bytes, declared);
    } catch (JsonFormatException e) {
      throw new RegistryException(
          Kind.MALFORMED, location, location + ": malformed manifest: " + e.getMessage());
    }
  }

  /** A missing file; a separate type so callers can choose between empty and NOT_FOUND. */
  private static final class NotFound extends RegistryException {
    private static final long serialVersionUID = 1L;

    NotFound(String location, String message) {
      super(Kind.NOT_FOUND, location, message);
    }
  }

  /** Reads a file of at most {@code limit} bytes, checking the size before and while reading. */
  private static byte[] read(Path file, long limit, String location) throws RegistryException {
    try (InputStream in = Files.newInputStream(file)) {
      long size = Files.size(file);
      if (size > limit) {
        throw tooLarge(file, limit, location);
      }
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
      if (bytes.length > limit) {
        throw tooLarge(file, limit, location);
      }
      return bytes;
    } catch (NoSuchFileException e) {
      throw new NotFound(location, location + ": " + file.getFileName() + " not found");
    } catch (IOException e) {
      throw new RegistryException(
          Kind.UNAVAILABLE, location, location + ": cannot read " + file + ": " + e, e);
    }
  }

  private static RegistryException tooLarge(Path file, long limit, String location) {
    return new RegistryException(
        Kind.TOO_LARGE,
        location,
        location + ": " + file.getFileName() + " exceeds the limit of " + limit + " bytes");
  }
}
