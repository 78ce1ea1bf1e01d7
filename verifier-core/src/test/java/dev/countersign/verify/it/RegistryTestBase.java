package dev.countersign.verify.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.countersign.testkit.oci.registry.RegistryProcess;
import dev.countersign.verify.oci.OciRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * One real {@code docker-registry} per test class, started before its first test and stopped after
 * its last. Without the binary every test of the class is reported as skipped, with the reason.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RegistryTestBase {
  static {
    // The testkit's proxies run on the JDK's HttpServer, which without TCP_NODELAY stalls about
    // 40 ms per response on loopback (Nagle and delayed ACK). Read once, when the first server
    // starts.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  RegistryProcess registry;

  /** The registry this class needs; anonymous unless overridden. */
  RegistryProcess startRegistry() {
    return RegistryProcess.start();
  }

  @BeforeAll
  void startSharedRegistry() {
    // Each test then skips with the reason, rather than the class failing, when there is none.
    if (RegistryProcess.isAvailable()) {
      registry = startRegistry();
    }
  }

  @AfterAll
  void stopSharedRegistry() {
    if (registry != null) {
      registry.close();
    }
  }

  @BeforeEach
  void requireRegistry() {
    assumeTrue(registry != null, RegistryProcess.unavailableReason());
  }

  /** {@code 127.0.0.1:<port>/<repository>}. */
  String ref(String repository) {
    return registry.hostPort() + "/" + repository;
  }

  /** A fresh (cold) client for the registry, anonymous. */
  OciRegistry client() {
    return OciRegistry.http(Fixtures.config(registry.hostPort()).build());
  }
}
