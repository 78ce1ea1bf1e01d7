package dev.countersign.admission.records;

import dev.countersign.admission.AdmissionOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One admission decision, as it is kept in the decision log and read back for audit packets.
 *
 * @param time when the decision was made
 * @param uid the AdmissionReview request uid
 * @param namespace the namespace, empty for cluster-scoped objects
 * @param kind the object's group, version and kind
 * @param name the object's name (empty on CREATE with {@code generateName})
 * @param operation {@code CREATE}, {@code UPDATE}, {@code DELETE} or {@code CONNECT}
 * @param user who asked
 * @param dryRun whether the API server will not persist the object
 * @param decision what the webhook answered
 * @param images the decision on every image of the object, in field order
 * @param messages what the API server was told (the denial message or the warnings)
 * @param policyRevision the revision of the policy set that decided
 * @param trustRootRevisions each trust root's name and revision, sorted by name
 * @param webhook which webhook process decided
 */
public record DecisionRecord(
    Instant time,
    String uid,
    String namespace,
    ResourceKind kind,
    String name,
    String operation,
    RequestUser user,
    boolean dryRun,
    AdmissionOutcome decision,
    List<ImageDecision> images,
    List<String> messages,
    String policyRevision,
    Map<String, String> trustRootRevisions,
    WebhookInstance webhook) {

  public DecisionRecord {
    Objects.requireNonNull(time, "time");
    uid = uid == null ? "" : uid;
    namespace = namespace == null ? "" : namespace;
    kind = kind == null ? new ResourceKind("", "", "") : kind;
    name = name == null ? "" : name;
    operation = operation == null ? "" : operation;
    user = user == null ? new RequestUser("", List.of()) : user;
    Objects.requireNonNull(decision, "decision");
    images = images == null ? List.of() : List.copyOf(images);
    messages = messages == null ? List.of() : List.copyOf(messages);
    policyRevision = policyRevision == null ? "" : policyRevision;
    // Sorted, so the serialised record does not depend on the caller's map order.
    trustRootRevisions =
        trustRootRevisions == null
            ? Map.of()
            : Collections.unmodifiableMap(new TreeMap<>(trustRootRevisions));
    trustRootRevisions.forEach(
        (root, revision) -> Objects.requireNonNull(revision, "revision of trust root " + root));
    webhook = webhook == null ? new WebhookInstance("", "") : webhook;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a record field by field; {@code time} and {@code decision} are required. */
  public static final class Builder {
    private Instant time;
    private String uid = "";
    private String namespace = "";
    private ResourceKind kind = new ResourceKind("", "", "");
    private String name = "";
    private String operation = "";
    private RequestUser user = new RequestUser("", List.of());
    private boolean dryRun;
    private AdmissionOutcome decision;
    private final List<ImageDecision> images = new ArrayList<>();
    private final List<String> messages = new ArrayList<>();
    private String policyRevision = "";
    private final Map<String, String> trustRootRevisions = new TreeMap<>();
    private WebhookInstance webhook = new WebhookInstance("", "");

    private Builder() {}

    public Builder time(Instant time) {
      this.time = time;
      return this;
    }

    public Builder uid(String uid) {
      this.uid = uid;
      return this;
    }

    public Builder namespace(String namespace) {
      this.namespace = namespace;
      return this;
    }

    public Builder kind(String group, String version, String kind) {
      this.kind = new ResourceKind(group, version, kind);
      return this;
    }

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder operation(String operation) {
      this.operation = operation;
      return this;
    }

    public Builder user(String username, List<String> groups) {
      this.user = new RequestUser(username, groups);
      return this;
    }

    public Builder dryRun(boolean dryRun) {
      this.dryRun = dryRun;
      return this;
    }

    public Builder decision(AdmissionOutcome decision) {
      this.decision = decision;
      return this;
    }

    public Builder image(ImageDecision image) {
      images.add(Objects.requireNonNull(image, "image"));
      return this;
    }

    public Builder images(List<ImageDecision> images) {
      images.forEach(this::image);
      return this;
    }

    public Builder message(String message) {
      messages.add(Objects.requireNonNull(message, "message"));
      return this;
    }

    public Builder messages(List<String> messages) {
      messages.forEach(this::message);
      return this;
    }

    public Builder policyRevision(String policyRevision) {
      this.policyRevision = policyRevision;
      return this;
    }

    public Builder trustRootRevision(String name, String revision) {
      trustRootRevisions.put(Objects.requireNonNull(name, "name"), revision);
      return this;
    }

    public Builder webhook(String instance, String version) {
      this.webhook = new WebhookInstance(instance, version);
      return this;
    }

    public DecisionRecord build() {
      return new DecisionRecord(
          time,
          uid,
          namespace,
          kind,
          name,
          operation,
          user,
          dryRun,
          decision,
          images,
          messages,
          policyRevision,
          trustRootRevisions,
          webhook);
    }
  }
}
