package dev.countersign.admission.deploy;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperations;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;
import java.util.List;

/**
 * The fields that validating and mutating webhook entries share (fabric8 models them as two
 * unrelated classes), so both are checked by the same code.
 */
record AdmissionWebhook(
    String name,
    String failurePolicy,
    String sideEffects,
    List<String> admissionReviewVersions,
    Integer timeoutSeconds,
    String matchPolicy,
    WebhookClientConfig clientConfig,
    LabelSelector namespaceSelector,
    LabelSelector objectSelector,
    List<RuleWithOperations> rules) {

  static AdmissionWebhook of(ValidatingWebhook w) {
    return new AdmissionWebhook(
        w.getName(),
        w.getFailurePolicy(),
        w.getSideEffects(),
        w.getAdmissionReviewVersions(),
        w.getTimeoutSeconds(),
        w.getMatchPolicy(),
        w.getClientConfig(),
        w.getNamespaceSelector(),
        w.getObjectSelector(),
        w.getRules());
  }

  static AdmissionWebhook of(MutatingWebhook w) {
    return new AdmissionWebhook(
        w.getName(),
        w.getFailurePolicy(),
        w.getSideEffects(),
        w.getAdmissionReviewVersions(),
        w.getTimeoutSeconds(),
        w.getMatchPolicy(),
        w.getClientConfig(),
        w.getNamespaceSelector(),
        w.getObjectSelector(),
        w.getRules());
  }
}
