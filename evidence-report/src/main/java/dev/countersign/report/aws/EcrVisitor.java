package dev.countersign.report.aws;

import java.io.IOException;
import java.util.List;

/**
 * Receives ECR evidence as it is collected, so that nothing larger than one page is held in memory.
 * Calls are serialised by the collector: an implementation need not be thread-safe.
 */
public interface EcrVisitor {
  default void registryScanning(RegistryScanning scanning) throws IOException {}

  default void repository(EcrRepository repository) throws IOException {}

  default void repositoryPolicy(RepositoryPolicy policy) throws IOException {}

  default void image(EcrImage image) throws IOException {}

  /** One page of an image's findings; an image with many findings arrives in several pages. */
  default void findings(EcrImage image, List<ScanFinding> page) throws IOException {}
}
