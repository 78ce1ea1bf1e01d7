package dev.countersign.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The admission core has no web framework: no compiled class outside {@code
 * dev.countersign.admission.http} refers to Javalin or Jetty (class references live in the constant
 * pool as {@code io/javalin/...} names, so a byte search of each class file finds them).
 */
class CoreIndependenceTest {
  static final List<String> FORBIDDEN = List.of("io/javalin/", "org/eclipse/jetty/");

  @Test
  void onlyTheHttpAdapterRefersToJavalinOrJetty() throws IOException {
    Path classes =
        Path.of(
            AdmissionController.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .getPath());
    Path root = classes.resolve("dev/countersign/admission");
    List<String> offenders = new ArrayList<>();
    List<Path> checked = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
        String relative = root.relativize(f).toString();
        if (relative.startsWith("http/")) {
          continue;
        }
        checked.add(f);
        String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        for (String name : FORBIDDEN) {
          if (bytes.contains(name)) {
            offenders.add(relative + " refers to " + name);
          }
        }
      }
    }
    assertThat(checked).hasSizeGreaterThan(20);
    assertThat(checked)
        .anyMatch(p -> p.endsWith("AdmissionController.class"))
        .anyMatch(p -> p.toString().contains("/internal/"));
    assertThat(offenders).isEmpty();
  }

  @Test
  void theScanWouldSeeAJavalinReference() throws IOException {
    // The check can fail: the adapter's own classes do refer to Javalin.
    Path classes =
        Path.of(
            AdmissionController.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .getPath());
    Path adapter = classes.resolve("dev/countersign/admission/http/WebhookHttpServer.class");
    String bytes = new String(Files.readAllBytes(adapter), StandardCharsets.ISO_8859_1);
    assertThat(bytes).contains("io/javalin/");
  }
}
