package dev.countersign.report.packet.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.report.aws.AwsReason;
import dev.countersign.report.aws.CollectionProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;

/**
 * Reads the body of each raw ECR answer kept in the packet; an answer that is not JSON is recorded
 * as a collection problem, every time it is read, and skipped.
 */
final class EcrAnswerBodies {
  private final PacketFiles files;
  private final List<CollectionProblem> problems;

  EcrAnswerBodies(PacketFiles files, List<CollectionProblem> problems) {
    this.files = files;
    this.problems = problems;
  }

  Optional<JsonNode> body(EcrAnswer answer) {
    try {
      return Optional.ofNullable(
          PacketJson.MAPPER.readTree(Files.readAllBytes(files.resolve(answer.packetPath()))));
    } catch (IOException ex) {
      problems.add(
          new CollectionProblem(
              AwsReason.RESPONSE_MALFORMED,
              "ecr:" + answer.operation(),
              answer.file(),
              "the answer is not JSON: " + ex.getMessage()));
      return Optional.empty();
    }
  }
}
