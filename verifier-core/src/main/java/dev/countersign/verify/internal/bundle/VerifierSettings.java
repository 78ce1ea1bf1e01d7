package dev.countersign.verify.internal.bundle;

import java.time.Clock;
import java.time.Duration;

/**
 * Deployment facts a verifier is built with.
 *
 * @param clock the time source for "now"
 * @param clockSkew how far a signing time may lie ahead of the clock
 * @param transparencyLogRequired whether a bundle must carry a log entry when its trust root has
 *     transparency logs (only ever false when explicitly and insecurely configured)
 */
public record VerifierSettings(Clock clock, Duration clockSkew, boolean transparencyLogRequired) {}
