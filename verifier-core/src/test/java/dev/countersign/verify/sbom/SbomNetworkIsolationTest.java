package dev.countersign.verify.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.countersign.verify.internal.sbom.CycloneDxSchemas;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketPermission;
import java.nio.charset.StandardCharsets;
import java.security.Permission;
import java.util.ArrayList;
import java.util.List;
import org.cyclonedx.Version;
import org.junit.jupiter.api.Test;

/**
 * Schema compilation and validation, for every supported version and both encodings, open no
 * network connection: every {@code $ref} and XSD import resolves to the bundled copies.
 */
class SbomNetworkIsolationTest {

  @Test
  @SuppressWarnings("removal")
  void schemasCompileAndValidateOffline() throws Exception {
    Guard guard = new Guard();
    try {
      System.setSecurityManager(guard);
    } catch (UnsupportedOperationException e) {
      assumeTrue(
          false, "this JVM does not allow a security manager (-Djava.security.manager=allow)");
    }
    try {
      guard.armed = true;
      assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), 9).close())
          .isInstanceOf(SecurityException.class);
      int deliberate = guard.attempts.size();
      // Licence ids ($ref to spdx.schema.json) and signatures ($ref to jsf) force the references.
      String json =
          "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"%s\",\"components\":[{\"type\":\"library\","
              + "\"name\":\"a\",\"licenses\":[{\"license\":{\"id\":\"Apache-2.0\"}}]}],"
              + "\"signature\":{\"algorithm\":\"ES256\",\"value\":\"abc\"}}";
      for (Version v :
          List.of(
              Version.VERSION_12,
              Version.VERSION_13,
              Version.VERSION_14,
              Version.VERSION_15,
              Version.VERSION_16)) {
        var schema = CycloneDxSchemas.compileJson(v);
        var doc = TestBoms.JSON.readTree(String.format(json, v.getVersionString()));
        assertThat(schema.validate(doc)).as(v.getVersionString()).isNotNull();
      }
      for (Version v : Version.values()) {
        assertThat(CycloneDxSchemas.compileXml(v)).isNotNull();
      }
      for (String v : List.of("1.4", "1.5", "1.6")) {
        assertThat(
                Sbom.validate(String.format(json, v).getBytes(StandardCharsets.UTF_8)).problems())
            .as(v)
            .allSatisfy(p -> assertThat(p.message()).doesNotContain("network"));
      }
      String xml =
          "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\"><components><component type=\"library\">"
              + "<name>a</name><licenses><license><id>MIT</id></license></licenses></component>"
              + "</components></bom>";
      assertThat(Sbom.validate(xml.getBytes(StandardCharsets.UTF_8)).valid()).isTrue();
      guard.armed = false;
      assertThat(guard.attempts).hasSize(deliberate);
    } finally {
      guard.armed = false;
      System.setSecurityManager(null);
    }
  }

  /** Refuses and records socket use while armed; allows everything else. */
  @SuppressWarnings("removal")
  private static final class Guard extends SecurityManager {
    volatile boolean armed;
    final List<String> attempts = java.util.Collections.synchronizedList(new ArrayList<>());

    @Override
    public void checkPermission(Permission perm) {
      if (armed && perm instanceof SocketPermission) {
        attempts.add(perm.getName());
        throw new SecurityException("network access during SBOM validation: " + perm.getName());
      }
    }

    @Override
    public void checkPermission(Permission perm, Object context) {
      checkPermission(perm);
    }

    @Override
    public void checkConnect(String host, int port) {
      if (armed) {
        attempts.add(host + ":" + port);
        throw new SecurityException("network access during SBOM validation: " + host);
      }
    }

    @Override
    public void checkConnect(String host, int port, Object context) {
      checkConnect(host, port);
    }
  }
}
