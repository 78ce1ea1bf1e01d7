package dev.countersign.verify.corpus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Resolves artifacts through Maven itself (the same settings, mirrors and local repository as the
 * build), by writing a throw-away POM that lists them as {@code dependency:copy} artifact items.
 * Items, unlike dependencies, are not mediated, so several versions of one artifact all resolve.
 */
final class MavenResolver {
  /** One artifact to resolve. */
  record Coordinates(
      String groupId, String artifactId, String version, String type, String classifier) {
    String fileName() {
      String ext = type.equals("bundle") ? "jar" : type;
      return artifactId
          + "-"
          + version
          + (classifier.isEmpty() ? "" : "-" + classifier)
          + "."
          + ext;
    }
  }

  private MavenResolver() {}

  /**
   * Resolves every coordinate into {@code dir}; returns Maven's exit code and output on failure.
   */
  static void resolve(List<Coordinates> coords, Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    StringBuilder items = new StringBuilder();
    for (Coordinates c : coords) {
      items
          .append("            <artifactItem><groupId>")
          .append(c.groupId())
          .append("</groupId><artifactId>")
          .append(c.artifactId())
          .append("</artifactId><version>")
          .append(c.version())
          .append("</version><type>")
          .append(c.type())
          .append("</type>")
          .append(c.classifier().isEmpty() ? "" : "<classifier>" + c.classifier() + "</classifier>")
          .append("</artifactItem>\n");
    }
    String pom =
        "<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0</modelVersion>\n"
            + "  <groupId>dev.countersign.corpus</groupId><artifactId>maven-central-bundles</artifactId>"
            + "<version>1</version><packaging>pom</packaging>\n  <build><plugins><plugin>\n"
            + "    <groupId>org.apache.maven.plugins</groupId><artifactId>maven-dependency-plugin</artifactId>"
            + "<version>3.9.0</version>\n    <executions><execution><id>corpus</id><configuration>\n"
            + "      <outputDirectory>"
            + dir.resolve("files").toAbsolutePath()
            + "</outputDirectory>\n"
            + "      <artifactItems>\n"
            + items
            + "      </artifactItems>\n"
            + "    </configuration></execution></executions>\n  </plugin></plugins></build>\n</project>\n";
    Path pomFile = dir.resolve("pom.xml");
    Files.writeString(pomFile, pom, StandardCharsets.UTF_8);
    List<String> cmd = new ArrayList<>();
    cmd.add(mavenExecutable());
    cmd.addAll(
        List.of(
            "-B",
            "-q",
            "-f",
            pomFile.toString(),
            "org.apache.maven.plugins:maven-dependency-plugin:3.9.0:copy@corpus"));
    String localRepo = System.getProperty("maven.repo.local");
    if (localRepo != null && !localRepo.isBlank()) {
      cmd.add("-Dmaven.repo.local=" + localRepo);
    }
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("maven.log").toFile())
            .start();
    if (!p.waitFor(15, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IOException("Maven did not finish resolving the corpus artifacts");
    }
    if (p.exitValue() != 0) {
      throw new IOException(
          "Maven could not resolve the corpus artifacts (exit "
              + p.exitValue()
              + "):\n"
              + Files.readString(dir.resolve("maven.log")));
    }
  }

  private static String mavenExecutable() {
    String home = System.getProperty("maven.home");
    if (home != null && !home.isBlank()) {
      Path mvn = Paths.get(home, "bin", "mvn");
      if (Files.isExecutable(mvn)) {
        return mvn.toString();
      }
    }
    return "mvn";
  }
}
