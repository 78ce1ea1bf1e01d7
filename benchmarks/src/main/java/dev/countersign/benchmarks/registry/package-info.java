/**
 * Image verification against a real local registry (Debian's {@code docker-registry}): cold and
 * warm wall time, registry round trips, and the split between network and verification time. Run by
 * hand, see {@link dev.countersign.benchmarks.registry.RegistryVerificationBench} and
 * BENCHMARKS.md.
 */
package dev.countersign.benchmarks.registry;
