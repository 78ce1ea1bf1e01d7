/** JMH benchmarks of Sigstore bundle verification. */
package dev.countersign.benchmarks;
