package dev.countersign.admission.records.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.countersign.admission.records.DecisionLogException;
import dev.countersign.admission.records.DecisionRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

/**
 * Writes the four kinds of line, signed. A line is the signed object with its closing brace
 * replaced by {@code ,"sig":{"alg":...,"keyId":...,"value":...}}: the signature is over the exact
 * bytes of the object without it, and the next line's {@code prev} is over the exact bytes of the
 * whole line (without the newline).
 */
public final class LineWriter {
  private static final JsonFactory JSON = new JsonFactory();

  private final SigningKey key;

  public LineWriter(SigningKey key) {
    this.key = key;
  }

  public SigningKey key() {
    return key;
  }

  public byte[] genesis(long seq, Instant time, String prev, String previousFile) {
    return seal(
        seq,
        time,
        prev,
        g -> {
          g.writeObjectFieldStart("genesis");
          g.writeStringField("format", LogFormat.FORMAT);
          g.writeStringField("alg", key.publicKey().algorithm().id());
          g.writeStringField("keyId", key.publicKey().keyId());
          g.writeStringField(
              "publicKey", Base64.getEncoder().encodeToString(key.publicKey().spki()));
          g.writeStringField("previousFile", previousFile);
          g.writeEndObject();
        });
  }

  public byte[] record(long seq, Instant time, String prev, DecisionRecord record) {
    return seal(
        seq,
        time,
        prev,
        g -> {
          g.writeFieldName("record");
          RecordJson.write(g, record);
        });
  }

  public byte[] close(long seq, Instant time, String prev, String reason, String nextFile) {
    return seal(
        seq,
        time,
        prev,
        g -> {
          g.writeObjectFieldStart("close");
          g.writeStringField("reason", reason);
          g.writeStringField("nextFile", nextFile);
          g.writeEndObject();
        });
  }

  public byte[] recovery(
      long seq, Instant time, String prev, long discardedBytes, String discardedSha256) {
    return seal(
        seq,
        time,
        prev,
        g -> {
          g.writeObjectFieldStart("recovery");
          g.writeNumberField("discardedBytes", discardedBytes);
          g.writeStringField("discardedSha256", discardedSha256);
          g.writeEndObject();
        });
  }

  private interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  private byte[] seal(long seq, Instant time, String prev, Body body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("seq", seq);
      g.writeStringField("time", time.toString());
      g.writeStringField("prev", prev);
      body.write(g);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to memory", e);
    }
    byte[] signed = out.toByteArray();
    byte[] signature = key.sign(signed, signed.length);
    byte[] suffix =
        (",\"sig\":{\"alg\":\""
                + key.publicKey().algorithm().id()
                + "\",\"keyId\":\""
                + key.publicKey().keyId()
                + "\",\"value\":\""
                + Base64.getEncoder().encodeToString(signature)
                + "\"}}")
            .getBytes(StandardCharsets.US_ASCII);
    byte[] line = Arrays.copyOf(signed, signed.length - 1 + suffix.length);
    System.arraycopy(suffix, 0, line, signed.length - 1, suffix.length);
    if (line.length > LogFormat.MAX_LINE_BYTES) {
      throw new DecisionLogException(
          "a decision-log line of "
              + line.length
              + " bytes is longer than the limit of "
              + LogFormat.MAX_LINE_BYTES);
    }
    return line;
  }
}
