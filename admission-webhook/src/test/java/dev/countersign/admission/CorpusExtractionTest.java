package dev.countersign.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.countersign.admission.internal.extract.Extraction;
import dev.countersign.admission.internal.extract.ImageExtractor;
import dev.countersign.admission.internal.extract.ImageField;
import dev.countersign.admission.internal.extract.PodSpecPaths;
import dev.countersign.admission.internal.review.ReviewCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every v1 AdmissionReview of the external corpus ({@code ../shared/corpus/admission}) is read and
 * its images are found with the lists and field paths its {@code index.tsv} names.
 */
class CorpusExtractionTest {

  /** One row of index.tsv with an envelope: the file, the kind and the expected images. */
  record Row(Path review, String kind, List<String> images) {}

  static List<Row> rows() throws Exception {
    String corpus = System.getProperty("countersign.corpus");
    assumeTrue(corpus != null, "corpus not present: system property countersign.corpus is not set");
    Path dir = Path.of(corpus, "admission");
    assumeTrue(
        Files.isRegularFile(dir.resolve("index.tsv")),
        "corpus not present: " + dir.resolve("index.tsv") + " does not exist");
    List<Row> rows = new ArrayList<>();
    List<String> lines = Files.readAllLines(dir.resolve("index.tsv"));
    List<String> header = List.of(lines.get(0).split("\t"));
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split("\t");
      String envelope = f[header.indexOf("v1_envelope_copy")];
      if (envelope.isBlank()) {
        continue;
      }
      rows.add(
          new Row(
              dir.resolve(envelope),
              f[header.indexOf("kind")],
              List.of(f[header.indexOf("images")].split(" "))));
    }
    return rows;
  }

  /** Where a kind keeps its pod spec, as a field path. */
  static String podSpecPath(String kind) {
    return switch (kind) {
      case "Pod" -> "spec";
      case "CronJob" -> "spec.jobTemplate.spec.template.spec";
      default -> "spec.template.spec";
    };
  }

  @Test
  void everyCorpusReviewYieldsItsImagesAtTheirFieldPaths() throws Exception {
    List<Row> rows = rows();
    assertThat(rows).hasSizeGreaterThanOrEqualTo(20);
    ImageExtractor extractor = new ImageExtractor(new PodSpecPaths(Map.of()));
    for (Row row : rows) {
      AdmissionRequest r = ReviewCodec.read(Files.readAllBytes(row.review()));
      assertThat(r.kind()).as(row.review().toString()).isEqualTo(row.kind());
      Extraction e = extractor.extract(r.group(), r.kind(), r.object().orElseThrow());
      assertThat(e.problems()).as(row.review().toString()).isEmpty();
      List<String> expected = new ArrayList<>();
      int[] counters = new int[3];
      List<String> lists = List.of("initContainers", "containers", "ephemeralContainers");
      // index.tsv lists containers in object order per list; the extractor reports init
      // containers first, so compare as sets of "path=image".
      for (String entry : row.images()) {
        int colon = entry.indexOf(':');
        String list = entry.substring(0, colon);
        String image = entry.substring(colon + 1);
        int i = counters[lists.indexOf(list)]++;
        expected.add(podSpecPath(row.kind()) + "." + list + "[" + i + "].image=" + image);
      }
      assertThat(e.images())
          .as(row.review().toString())
          .extracting((ImageField f) -> f.fieldPath() + "=" + f.image())
          .containsExactlyInAnyOrderElementsOf(expected);
    }
  }
}
