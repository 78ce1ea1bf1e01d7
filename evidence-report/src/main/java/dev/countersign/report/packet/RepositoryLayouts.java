package dev.countersign.report.packet;

import dev.countersign.verify.oci.EvidenceLocation;
import dev.countersign.verify.oci.EvidenceSource;
import dev.countersign.verify.oci.ImageReference;
import dev.countersign.verify.oci.OciRegistry;
import dev.countersign.verify.oci.RegistryException;
import dev.countersign.verify.oci.ResolvedImage;
import dev.countersign.verify.oci.StoredEvidence;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Image evidence from a folder of OCI image layouts, one per repository: {@code
 * <folder>/<repository path>/} holds the {@code oci-layout} and {@code index.json} of that
 * repository (e.g. {@code layouts/prod/api/} for {@code
 * 123456789012.dkr.ecr...amazonaws.com/prod/api}), as air-gapped transfers of an estate are usually
 * made ({@code oras copy --to-oci-layout}, {@code skopeo copy ... oci:DIR}). Each layout is read by
 * verifier-core's own layout reader; the registry host of a reference is not part of the path, as a
 * layout holds one repository.
 */
public final class RepositoryLayouts implements EvidenceSource {
  private final Path root;
  private final Map<String, EvidenceSource> sources = new ConcurrentHashMap<>();

  private RepositoryLayouts(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /**
   * @throws PacketException when the folder does not exist
   */
  public static RepositoryLayouts in(Path folder) {
    if (!Files.isDirectory(folder)) {
      throw new PacketException(
          PacketException.Reason.INPUT_UNREADABLE, "not a folder of OCI layouts: " + folder);
    }
    return new RepositoryLayouts(folder);
  }

  @Override
  public ResolvedImage resolve(ImageReference image) throws RegistryException {
    return layout(image.repository(), image.toString()).resolve(image);
  }

  @Override
  public List<StoredEvidence> discover(
      ImageReference image, Optional<String> signatureRepository, EvidenceLocation where)
      throws RegistryException {
    String repository = image.repository();
    if (signatureRepository.isPresent()) {
      try {
        repository = ImageReference.parse(signatureRepository.get()).repository();
      } catch (IllegalArgumentException e) {
        throw new RegistryException(
            RegistryException.Kind.NOT_FOUND,
            signatureRepository.get(),
            "not a repository: " + signatureRepository.get());
      }
    }
    return layout(repository, image.toString()).discover(image, signatureRepository, where);
  }

  private EvidenceSource layout(String repository, String location) throws RegistryException {
    EvidenceSource s = sources.get(repository);
    if (s != null) {
      return s;
    }
    Path dir = root.resolve(repository).normalize();
    if (!dir.startsWith(root) || !Files.isRegularFile(dir.resolve("index.json"))) {
      throw new RegistryException(
          RegistryException.Kind.NOT_FOUND,
          location,
          location + ": no OCI layout for repository " + repository + " under " + root);
    }
    try {
      s = EvidenceSource.of(OciRegistry.ociLayout(dir));
    } catch (IllegalArgumentException e) {
      throw new RegistryException(RegistryException.Kind.NOT_FOUND, location, e.getMessage());
    }
    EvidenceSource existing = sources.putIfAbsent(repository, s);
    return existing == null ? s : existing;
  }

  @Override
  public String toString() {
    return "OCI layouts per repository in " + root;
  }
}
