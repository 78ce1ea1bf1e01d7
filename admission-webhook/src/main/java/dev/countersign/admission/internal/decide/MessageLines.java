package dev.countersign.admission.internal.decide;

import dev.countersign.admission.ImageResult;
import dev.countersign.verify.verdict.ReasonCode;
import java.util.ArrayList;
import java.util.List;

/**
 * The denial and warning lines of an answer: {@code fieldPath: REASON: detail}, so that people read
 * where and why before what.
 */
public final class MessageLines {
  /** Where request-level denials point when no field is to blame. */
  public static final String WHOLE_OBJECT = "object";

  private MessageLines() {}

  /** One line. */
  public static String line(String fieldPath, ReasonCode reason, String detail) {
    return fieldPath + ": " + reason + ": " + detail;
  }

  /**
   * The lines of one image: one per reason and message pair, each starting with the field path and
   * the code; one naming the image when it has no message.
   */
  public static List<String> of(ImageResult i) {
    List<String> out = new ArrayList<>();
    for (int k = 0; k < i.messages().size(); k++) {
      // Messages beyond the last reason code share that code.
      ReasonCode r = i.reasons().get(Math.min(k, i.reasons().size() - 1));
      out.add(line(i.fieldPath(), r, i.messages().get(k)));
    }
    if (i.messages().isEmpty()) {
      out.add(line(i.fieldPath(), i.reason(), "image " + i.reference()));
    }
    return out;
  }
}
