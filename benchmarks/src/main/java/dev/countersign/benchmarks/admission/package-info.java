/**
 * The admission webhook under load: a real webhook process over HTTPS, verifying against a real
 * {@code docker-registry} on 127.0.0.1, driven at constant arrival rates by an open-model load
 * driver that checks every answer. Run by hand, see {@link
 * dev.countersign.benchmarks.admission.AdmissionLoadBench} and BENCHMARKS.md.
 */
package dev.countersign.benchmarks.admission;
