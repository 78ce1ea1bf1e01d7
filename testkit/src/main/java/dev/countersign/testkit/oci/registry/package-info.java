/**
 * Registries for integration tests: {@link dev.countersign.testkit.oci.registry.RegistryProcess} (a
 * real distribution 2.8 registry, anonymous, htpasswd or token authenticated, backed by {@link
 * dev.countersign.testkit.oci.registry.TokenServer}), {@link
 * dev.countersign.testkit.oci.registry.RegistryClient} (a small push and read client), and two
 * loopback proxies in front of a registry: {@link
 * dev.countersign.testkit.oci.registry.ReferrersProxy} adds the OCI 1.1 referrers API that
 * distribution 2.8 lacks, {@link dev.countersign.testkit.oci.registry.FaultProxy} injects faults.
 *
 * <p>Everything listens on 127.0.0.1 only.
 */
package dev.countersign.testkit.oci.registry;
