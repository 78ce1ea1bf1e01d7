package dev.countersign.admission.internal.schedule;

import dev.countersign.admission.ImageSource;
import dev.countersign.verify.policy.PolicyDecision;
import java.util.concurrent.CompletableFuture;

/**
 * A decision, decided or on its way.
 *
 * @param decision completes with the verifier's decision (never with an exception the caller must
 *     not handle: a failed verification completes exceptionally and is then a denial)
 * @param source cached, shared in flight, or started for this caller
 */
public record Lookup(CompletableFuture<PolicyDecision> decision, ImageSource source) {}
