package dev.countersign.admission.internal.extract;

import java.util.List;

/**
 * The image fields of an object, and what is wrong with the object as a whole.
 *
 * @param images every container, init container and ephemeral container image, in object order
 * @param problems object-level problems (a workload without a pod spec, a container list that is
 *     not a list); any problem denies the request
 * @param podSpecs the JSON pointers of the pod specs found
 */
public record Extraction(List<ImageField> images, List<Problem> problems, List<String> podSpecs) {
  public Extraction {
    images = List.copyOf(images);
    problems = List.copyOf(problems);
    podSpecs = List.copyOf(podSpecs);
  }
}
