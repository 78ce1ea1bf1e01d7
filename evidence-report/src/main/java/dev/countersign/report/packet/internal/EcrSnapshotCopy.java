package dev.countersign.report.packet.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.report.aws.AwsEvidenceException;
import dev.countersign.report.aws.AwsReason;
import dev.countersign.report.aws.CollectionProblem;
import dev.countersign.report.aws.Progress;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies a snapshot folder's ECR answers into the packet's raw folder with their index lines,
 * checking each against the hash its index recorded.
 */
final class EcrSnapshotCopy {
  private final PacketFiles files;
  private final Progress progress;

  EcrSnapshotCopy(PacketFiles files, Progress progress) {
    this.files = files;
    this.progress = progress;
  }

  /** The answers that could not be copied; throws when the folder is not a collector snapshot. */
  List<CollectionProblem> copy(Path snapshot) throws IOException {
    Path index = snapshot.resolve("queries.jsonl");
    if (!Files.isRegularFile(index)) {
      throw new AwsEvidenceException(
          AwsReason.NOT_FOUND,
          "ECR snapshot "
              + snapshot
              + " has no queries.jsonl: it was not written by the collector");
    }
    List<CollectionProblem> problems = new ArrayList<>();
    Files.createDirectories(files.resolve(EcrStage.RAW));
    long copied = 0;
    try (BufferedReader r = Files.newBufferedReader(index, StandardCharsets.UTF_8);
        JsonLinesFile out = JsonLinesFile.create(files, EcrStage.QUERIES)) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode entry = PacketJson.MAPPER.readTree(line);
        String file = entry.path("file").asText("");
        if (!file.startsWith("ecr/")) {
          continue;
        }
        if (!Names.safe(file)) {
          problems.add(
              new CollectionProblem(
                  AwsReason.RESPONSE_MALFORMED, "snapshot", file, "unsafe file name in the index"));
          continue;
        }
        Path source = snapshot.resolve(file).normalize();
        if (!source.startsWith(snapshot.normalize()) || !Files.isRegularFile(source)) {
          problems.add(
              new CollectionProblem(
                  AwsReason.NOT_FOUND,
                  "snapshot",
                  file,
                  "the snapshot's index lists " + file + ", which is missing"));
          continue;
        }
        String expected = entry.path("sha256").asText("");
        String actual = Hashes.compute(source);
        if (!actual.equals(expected)) {
          // Why: a snapshot travels between hosts; an answer changed on the way is not evidence.
          problems.add(
              new CollectionProblem(
                  AwsReason.RESPONSE_MALFORMED,
                  "snapshot",
                  file,
                  file
                      + " does not have the SHA-256 the snapshot recorded: it changed after"
                      + " collection"));
          continue;
        }
        files.copy(source, EcrStage.RAW + "/" + file);
        out.writeLine(line.strip());
        copied++;
        progress.update("ecr snapshot files", copied, -1);
      }
    }
    if (copied == 0) {
      problems.add(
          new CollectionProblem(
              AwsReason.NOT_FOUND,
              "snapshot",
              snapshot.toString(),
              "the snapshot holds no ECR answer"));
    }
    return problems;
  }
}
