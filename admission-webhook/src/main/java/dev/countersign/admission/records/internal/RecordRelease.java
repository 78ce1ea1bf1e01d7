package dev.countersign.admission.records.internal;

import dev.countersign.admission.records.VerifiedRecord;
import java.util.ArrayDeque;
import java.util.Optional;

/**
 * Holds records back until a verified signature vouches for them: their own line's, or a later
 * line's that the chain leads to from theirs.
 */
final class RecordRelease {
  private final ArrayDeque<VerifiedRecord> held = new ArrayDeque<>();
  private final ArrayDeque<VerifiedRecord> ready = new ArrayDeque<>();

  /** A record whose line was accepted into the chain, but not yet vouched for by a signature. */
  void hold(VerifiedRecord record) {
    held.add(record);
  }

  /** A signature verified on the line accepted last, which the chain binds every held record to. */
  void releaseHeld() {
    ready.addAll(held);
    held.clear();
  }

  Optional<VerifiedRecord> poll() {
    return Optional.ofNullable(ready.poll());
  }

  /** Drops every record, for a check that only reports. */
  void clear() {
    ready.clear();
    held.clear();
  }
}
