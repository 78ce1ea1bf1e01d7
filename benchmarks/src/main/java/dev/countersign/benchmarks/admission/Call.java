package dev.countersign.benchmarks.admission;

/** One admission request of a workload and the answer it must get. */
record Call(PodReview review, Expectation expected) {}
