package dev.countersign.admission;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The parts of an {@code AdmissionReview} request the webhook uses.
 *
 * @param apiVersion {@code admission.k8s.io/v1} or {@code admission.k8s.io/v1beta1}; the answer
 *     uses the same
 * @param uid the request uid, echoed in the answer
 * @param group the object's API group (empty for the core group)
 * @param version the object's API version, e.g. {@code v1}
 * @param kind the object's kind, e.g. {@code Deployment}
 * @param resource the resource, e.g. {@code deployments}
 * @param subResource the subresource, e.g. {@code status}, or empty
 * @param namespace the namespace, empty for cluster-scoped objects
 * @param name the object's name (empty on CREATE with {@code generateName})
 * @param operation {@code CREATE}, {@code UPDATE}, {@code DELETE} or {@code CONNECT}
 * @param user the requesting user's name
 * @param userGroups the requesting user's groups
 * @param dryRun whether the API server will not persist the object
 * @param object the object as it would be stored (absent for DELETE)
 */
public record AdmissionRequest(
    String apiVersion,
    String uid,
    String group,
    String version,
    String kind,
    String resource,
    String subResource,
    String namespace,
    String name,
    String operation,
    String user,
    List<String> userGroups,
    boolean dryRun,
    Optional<JsonNode> object) {

  public AdmissionRequest {
    Objects.requireNonNull(apiVersion, "apiVersion");
    Objects.requireNonNull(uid, "uid");
    group = group == null ? "" : group;
    version = version == null ? "" : version;
    kind = kind == null ? "" : kind;
    resource = resource == null ? "" : resource;
    subResource = subResource == null ? "" : subResource;
    namespace = namespace == null ? "" : namespace;
    name = name == null ? "" : name;
    operation = operation == null ? "" : operation;
    user = user == null ? "" : user;
    userGroups = userGroups == null ? List.of() : List.copyOf(userGroups);
    Objects.requireNonNull(object, "object");
  }

  /** {@code group/version}, or {@code version} for the core group (an object's apiVersion). */
  public String apiVersionOfObject() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** {@code group/Kind}, or {@code Kind} for the core group. */
  public String qualifiedKind() {
    return group.isEmpty() ? kind : group + "/" + kind;
  }
}
