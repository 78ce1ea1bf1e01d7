package dev.countersign.admission.records.internal;

import dev.countersign.admission.records.internal.ChainChecker.Signatures;
import java.io.IOException;

/** Which lines of a file have their signature checked, in one {@link Signatures} mode. */
final class SignatureSchedule {
  private final Signatures mode;
  private int sinceChecked;

  SignatureSchedule(Signatures mode) {
    this.mode = mode;
  }

  /**
   * Whether the line just taken, before {@code rest}, has its signature checked. The last line
   * always does: its signature is what vouches, through the chain, for the lines not checked before
   * it.
   */
  boolean due(LineLookahead rest) throws IOException {
    return mode == Signatures.EVERY_LINE
        || rest.peek() == null
        || (mode == Signatures.CHECKPOINTS && ++sinceChecked >= ChainChecker.CHECKPOINT_INTERVAL);
  }

  void checked() {
    sinceChecked = 0;
  }

  /** Whether only the ends of the chain are checked, and the lines between by the chain alone. */
  boolean chainEndsOnly() {
    return mode == Signatures.CHAIN_ENDS;
  }
}
