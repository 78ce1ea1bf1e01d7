package dev.countersign.testkit.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.countersign.testkit.oci.registry.FaultProxy;
import dev.countersign.testkit.oci.registry.RegistryAuth;
import dev.countersign.testkit.oci.registry.RegistryClient;
import dev.countersign.testkit.oci.registry.RegistryProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/**
 * The registry starts, stops and cleans up, and its absence skips tests instead of failing them.
 */
class RegistryProcessTest {

  @Test
  void absentBinaryAbortsTheTest() {
    String before = System.getProperty("countersign.dockerRegistry");
    System.setProperty("countersign.dockerRegistry", "/nonexistent/docker-registry");
    try {
      assertThat(RegistryProcess.isAvailable()).isFalse();
      assertThatThrownBy(RegistryProcess::start)
          .isInstanceOf(TestAbortedException.class)
          .hasMessageContaining("docker-registry");
    } finally {
      if (before == null) {
        System.clearProperty("countersign.dockerRegistry");
      } else {
        System.setProperty("countersign.dockerRegistry", before);
      }
    }
  }

  @Test
  void closeStopsTheProcessAndDeletesStorage() throws Exception {
    Path storage;
    try (RegistryProcess registry = RegistryProcess.start()) {
      storage = registry.storageDirectory();
      assertThat(registry.anonymousClient().ping().status()).isEqualTo(200);
      registry
          .client()
          .push("lifecycle/app", RandomImages.create().image(Platform.LINUX_AMD64).content("v1"));
      assertThat(Files.exists(storage.resolve("docker/registry/v2/repositories/lifecycle/app")))
          .isTrue();
      // Its log records the HEAD misses that precede each upload.
      assertThat(registry.log()).contains("blob unknown");
    }
    assertThat(Files.exists(storage)).isFalse();
  }

  @Test
  void tlsRegistryIsTrustedOnlyThroughItsContext() throws Exception {
    try (RegistryProcess registry =
            RegistryProcess.startTls(RegistryAuth.htpasswd(Map.of("alice", "secret")));
        FaultProxy proxy = FaultProxy.start(registry.baseUri(), registry.sslContext())) {
      assertThat(registry.baseUri().getScheme()).isEqualTo("https");
      Image image = RandomImages.create().image(Platform.LINUX_AMD64);
      registry.client().push("tls/app", image.content("v1"));
      assertThat(registry.client().getManifest("tls/app", "v1").body())
          .isEqualTo(image.manifest().content());
      assertThatThrownBy(() -> PlainHttp.get(registry.baseUri(), "/v2/", null))
          .isInstanceOf(SSLHandshakeException.class);
      // A plain-HTTP fault proxy can front the HTTPS registry.
      RegistryClient viaProxy = RegistryClient.withCredentials(proxy.baseUri(), "alice", "secret");
      assertThat(viaProxy.getManifest("tls/app", "v1").status()).isEqualTo(200);
    }
  }
}
