package dev.countersign.admission.records;

/**
 * Which webhook process decided.
 *
 * @param instance the instance (for example the pod name)
 * @param version the webhook's version
 */
public record WebhookInstance(String instance, String version) {
  public WebhookInstance {
    instance = instance == null ? "" : instance;
    version = version == null ? "" : version;
  }
}
