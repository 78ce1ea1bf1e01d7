package dev.countersign.report.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.countersign.report.aws.Progress;
import dev.countersign.report.example.ExampleEstate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report as a person sees it: the example packet opened in headless Chromium (Debian's
 * {@code chromium}), its rendered DOM read back, and its screenshot taken. Skips, with a message,
 * where Chromium is not installed ({@code .ci/run} installs it).
 */
class ReportChromiumTest {
  @TempDir static Path tmp;
  static Path packet;
  static Optional<Path> chromium;

  @BeforeAll
  static void build() throws IOException {
    chromium =
        Stream.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
            .map(Path::of)
            .filter(Files::isExecutable)
            .findFirst();
    Path estate = tmp.resolve("estate");
    ExampleEstate.extract(estate);
    packet = tmp.resolve("packet");
    PacketBuilder.build(
        ExampleEstate.settings(estate, packet).rev3Informative(true).build(), Progress.NONE);
  }

  /** Runs Chromium headless; returns its standard output. */
  static String chromium(String... args) throws IOException, InterruptedException {
    assumeTrue(
        chromium.isPresent(),
        "headless Chromium is not installed (apt-get install chromium): the rendered report is not"
            + " checked");
    List<String> cmd = new ArrayList<>();
    cmd.add(chromium.get().toString());
    cmd.add("--headless");
    cmd.add("--disable-gpu");
    cmd.add("--no-sandbox");
    cmd.add("--user-data-dir=" + tmp.resolve("profile"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("chromium finished").isTrue();
    return new String(out, StandardCharsets.UTF_8);
  }

  /** The text of one section of the rendered page, tags removed, white space collapsed. */
  static String section(String dom, String id) {
    int start = dom.indexOf("id=\"" + id + "\"");
    assertThat(start).as("section " + id).isPositive();
    int end = dom.indexOf("</section>", start);
    return text(dom.substring(start, end));
  }

  static String text(String html) {
    // inline elements join their text as the page shows it; block elements separate it
    return html.replaceAll("</?(code|span|b)(\\s[^>]*)?>", "")
        .replaceAll("<[^>]+>", " ")
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replaceAll("\\s+", " ");
  }

  @Test
  void aPersonSeesPracticesCoverageGapsAndEveryImage() throws Exception {
    String dom = chromium("--dump-dom", packet.resolve("report.html").toUri().toString());
    assertThat(dom).contains("<h1>CMMC Level 2 evidence packet</h1>");
    String header = text(dom.substring(0, dom.indexOf("<nav")));
    assertThat(header)
        .contains("Example Defense Components, Inc.")
        .contains("does not declare any objective met or not met");

    // The summary table: practice ids with the coverage of each evidence kind, never "met".
    String practices = section(dom, "practices");
    assertThat(practices)
        .contains("CM.L2-3.4.8", "CM.L2-3.4.8[c]", "admission.decisions: Direct")
        .contains("RA.L2-3.11.3[a]", "ecr.scan.findings: Direct")
        .contains("Partial")
        .contains("Needs organization documents");
    Matcher rows = Pattern.compile("<tr>\\s*<td><code>[A-Z]{2}\\.L2-").matcher(dom);
    int practiceRows = 0;
    while (rows.find()) {
      practiceRows++;
    }
    assertThat(practiceRows).isGreaterThan(40);
    assertThat(text(dom)).doesNotContainPattern("\\bMET\\b").doesNotContain("satisfied");

    // The gaps section names each planted gap and what it is about.
    String gaps = section(dom, "gaps");
    assertThat(gaps)
        .contains("RUNNING_WITHOUT_PASSING_VERDICT", "prod/worker@sha256:")
        .contains("PUSH_BY_NON_CI_PRINCIPAL", "arn:aws-us-gov:iam::123456789012:user/jdoe")
        .contains("MUTABLE_TAGS", "prod/worker has image tag mutability MUTABLE")
        .contains("ADMISSION_RECORD_MISSING")
        .contains("ADMISSION_RECORDS_ABSENT", "2025-08-27T22:00:00Z/2025-08-29T14:00:00Z")
        .contains("FINDING_PAST_SLA", "CVE-2025-0665");

    // One row per image with its decision and the facts behind it.
    String images = section(dom, "images");
    assertThat(dom.split("class=\"image-row\"", -1)).hasSize(6);
    assertThat(images)
        .contains(
            "prod/api",
            "ALLOW",
            "https://github.com/example-defense/api/.github/workflows/release.yml")
        .contains("SLSA build level 2", "CycloneDX 1.5 JSON")
        .contains("prod/reports", "SBOM_DENIED_COMPONENT")
        .contains("prod/billing", "IDENTITY_MISMATCH", "not a CI principal")
        .contains(
            "prod/worker", "not signed (NO_SIGNATURE_FOUND)", "prod-east/prod/worker-0/worker");

    assertThat(section(dom, "aws"))
        .contains("prod/worker", "MUTABLE", "duplicates removed", "intact");
    assertThat(section(dom, "admission")).contains("The decision log verifies", "Fail");
    // asked for: the Rev. 3 supply chain family, apart and marked informative
    assertThat(section(dom, "rev3"))
        .contains("Informative", "03.17.01", "no CMMC Level 2 id")
        .doesNotContain(".L2-03");
    // the charts are part of the page people see
    assertThat(dom).contains("<svg", "Images by policy decision", "Coverage gaps by kind");
  }

  @Test
  void theReportRendersWithoutAnyNetwork() throws Exception {
    Path shot = tmp.resolve("report.png");
    chromium(
        "--screenshot=" + shot,
        "--window-size=1400,2000",
        "--blink-settings=imagesEnabled=true",
        packet.resolve("report.html").toUri().toString());
    assertThat(Files.size(shot)).isGreaterThan(20_000);
    String html = Files.readString(packet.resolve("report.html"));
    // self-contained: no script, no stylesheet or image fetched from anywhere
    assertThat(html).doesNotContain("<script").doesNotContain("<link").doesNotContain("src=\"http");
  }
}
