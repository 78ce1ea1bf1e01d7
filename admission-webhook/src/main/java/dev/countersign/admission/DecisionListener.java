package dev.countersign.admission;

/**
 * Receives every admission decision after its answer is built (metrics, logs, decision records,
 * Kubernetes Events). Called on the thread that completed the decision: implementations must be
 * quick, or hand work to their own thread. An exception thrown here is reported and never changes
 * the answer.
 */
@FunctionalInterface
public interface DecisionListener {
  void onDecision(AdmissionDecision decision);
}
