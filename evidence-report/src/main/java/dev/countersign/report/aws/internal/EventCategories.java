package dev.countersign.report.aws.internal;

import dev.countersign.report.aws.EventCategory;
import java.util.Locale;
import java.util.Set;

/** Which category an ECR API call belongs to, by its name and error code. */
public final class EventCategories {
  public static final String ECR_EVENT_SOURCE = "ecr.amazonaws.com";

  private static final Set<String> PUSH =
      Set.of("PutImage", "InitiateLayerUpload", "UploadLayerPart", "CompleteLayerUpload");

  private static final Set<String> PULL = Set.of("BatchGetImage", "GetDownloadUrlForLayer");

  private static final Set<String> CONFIGURATION_CHANGE =
      Set.of(
          "PutImageTagMutability",
          "PutImageScanningConfiguration",
          "SetRepositoryPolicy",
          "DeleteRepositoryPolicy",
          "PutRegistryScanningConfiguration",
          "PutRegistryPolicy",
          "DeleteRegistryPolicy",
          "PutLifecyclePolicy",
          "DeleteLifecyclePolicy",
          "PutReplicationConfiguration",
          "CreateRepository",
          "DeleteRepository",
          "BatchDeleteImage",
          "PutAccountSetting",
          "CreatePullThroughCacheRule",
          "UpdatePullThroughCacheRule",
          "DeletePullThroughCacheRule",
          "CreateRepositoryCreationTemplate",
          "UpdateRepositoryCreationTemplate",
          "DeleteRepositoryCreationTemplate",
          "PutSigningConfiguration",
          "DeleteSigningConfiguration",
          "UpdateImageStorageClass",
          "TagResource",
          "UntagResource");

  private static final Set<String> DENIED_CODES =
      Set.of(
          "accessdenied",
          "accessdeniedexception",
          "unauthorizedoperation",
          "client.unauthorizedoperation",
          "unauthorizedexception");

  private EventCategories() {}

  /**
   * A denied call is ACCESS_DENIED whatever it tried: the attempt, not the effect, is what the
   * assessor looks for. Other failed calls keep the category of what they tried.
   */
  public static EventCategory classify(String eventName, String errorCode) {
    if (errorCode != null && DENIED_CODES.contains(errorCode.toLowerCase(Locale.ROOT))) {
      return EventCategory.ACCESS_DENIED;
    }
    if (PUSH.contains(eventName)) {
      return EventCategory.PUSH;
    }
    if (PULL.contains(eventName)) {
      return EventCategory.PULL;
    }
    if (CONFIGURATION_CHANGE.contains(eventName)) {
      return EventCategory.CONFIGURATION_CHANGE;
    }
    return EventCategory.OTHER;
  }

  /** For records without a {@code readOnly} field: ECR's read calls by their name. */
  public static boolean readOnlyByName(String eventName) {
    return eventName.startsWith("Describe")
        || eventName.startsWith("List")
        || eventName.startsWith("Get")
        || eventName.startsWith("BatchGet")
        || eventName.startsWith("BatchCheck");
  }
}
