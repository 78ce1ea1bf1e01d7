package dev.countersign.verify.internal.tuf;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.testkit.tuf.TufRepositoryWriter;
import dev.countersign.verify.trust.TrustRootException;
import dev.countersign.verify.trust.TufMirror;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.assertj.core.api.AbstractThrowableAssert;

/** Shared set-up for the TUF mirror tests: a fixed time, a default target, load and fail. */
final class TufMirrors {
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  static final String TARGET = TufMirror.TRUSTED_ROOT_TARGET;
  static final byte[] CONTENT =
      "{\"mediaType\":\"example\",\"note\":\"target content\"}\n".getBytes(StandardCharsets.UTF_8);

  private TufMirrors() {}

  /** A writer with the default target, nothing written yet. */
  static TufRepositoryWriter writer(Path dir) {
    return TufRepositoryWriter.create(dir.resolve("repo"), NOW).target(TARGET, CONTENT);
  }

  /**
   * A mirror of the writer's repository that trusts its root version 1, checked at {@link #NOW}.
   */
  static TufMirror mirror(TufRepositoryWriter writer) {
    return mirror(writer, TARGET);
  }

  static TufMirror mirror(TufRepositoryWriter writer, String target) {
    return new TufMirror(
        writer.repository(), writer.rootFile(1), target, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  static byte[] load(TufRepositoryWriter writer) {
    return TufMirrorLoader.loadTarget(mirror(writer));
  }

  static AbstractThrowableAssert<?, ? extends Throwable> failure(TufRepositoryWriter writer) {
    return failure(mirror(writer));
  }

  static AbstractThrowableAssert<?, ? extends Throwable> failure(TufMirror mirror) {
    return assertThatThrownBy(() -> TufMirrorLoader.loadTarget(mirror))
        .isInstanceOf(TrustRootException.class);
  }

  /** Rewrites a JSON file compactly: same content and signatures, different bytes. */
  static void reserialize(Path file) {
    try {
      ObjectMapper mapper = new ObjectMapper();
      JsonNode doc = mapper.readTree(file.toFile());
      Files.write(file, mapper.writeValueAsBytes(doc));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void write(Path file, String content) {
    try {
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
