package dev.countersign.benchmarks.admission;

/** The requests of a phase: the {@code index}-th request to send (from 0). */
@FunctionalInterface
interface Workload {
  Call call(long index);
}
