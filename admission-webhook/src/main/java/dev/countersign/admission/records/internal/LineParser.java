package dev.countersign.admission.records.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.admission.records.internal.ParsedLine.Close;
import dev.countersign.admission.records.internal.ParsedLine.Entry;
import dev.countersign.admission.records.internal.ParsedLine.Genesis;
import dev.countersign.admission.records.internal.ParsedLine.RecordEntry;
import dev.countersign.admission.records.internal.ParsedLine.Recovery;
import dev.countersign.admission.records.internal.ParsedLine.Sig;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * Splits a line into its signed bytes and its signature, and reads both strictly: fields in the
 * documented order, nothing unknown, nothing twice, nothing after the closing brace.
 *
 * <p>Everything a reader learns from a line comes from the signed bytes: the signature suffix is
 * found as the last {@code ,"sig":} (a JSON string cannot contain that sequence unescaped, and the
 * {@code sig} object contains none), and the object before it is parsed on its own.
 */
public final class LineParser {
  private static final JsonFactory JSON =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final ObjectMapper MAPPER = new ObjectMapper(JSON);

  private LineParser() {}

  /** Parses {@code line[0..length)}, the line without its newline. */
  public static ParsedLine parse(byte[] line, int length, boolean readRecords)
      throws LineFormatException {
    if (length == 0) {
      throw new LineFormatException("the line is empty");
    }
    if (line[length - 1] == '\r') {
      throw new LineFormatException("the line ends with a carriage return (CRLF line endings)");
    }
    if (line[0] != '{' || line[length - 1] != '}') {
      throw new LineFormatException("the line is not a JSON object");
    }
    int at = lastIndexOf(line, length, LogFormat.SIG_MARKER);
    if (at < 0) {
      throw new LineFormatException("the line has no \"sig\" field");
    }
    byte[] signed = Arrays.copyOf(line, at + 1);
    signed[at] = '}';
    int sigStart = at + LogFormat.SIG_MARKER.length;
    Sig sig = parseSig(line, sigStart, length - 1 - sigStart);
    try (JsonParser p = JSON.createParser(signed)) {
      expect(p, JsonToken.START_OBJECT, "the line");
      long seq = longField(p, "seq");
      if (seq < 0) {
        throw new LineFormatException("seq is negative");
      }
      Instant time = timeField(p, "time");
      String prev = hashField(p, "prev");
      Entry entry = entry(p, readRecords);
      expect(p, JsonToken.END_OBJECT, "the line after its " + ParsedLine.typeOf(entry) + " field");
      if (p.nextToken() != null) {
        throw new LineFormatException("content after the line's closing brace");
      }
      return new ParsedLine(seq, time, prev, entry, sig, signed);
    } catch (JsonProcessingException e) {
      throw new LineFormatException("not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new LineFormatException("not readable: " + e.getMessage());
    }
  }

  private static Sig parseSig(byte[] line, int offset, int length) throws LineFormatException {
    try (JsonParser p = JSON.createParser(line, offset, length)) {
      expect(p, JsonToken.START_OBJECT, "sig");
      String alg = stringField(p, "alg");
      String keyId = stringField(p, "keyId");
      String value = stringField(p, "value");
      expect(p, JsonToken.END_OBJECT, "sig after its value");
      if (p.nextToken() != null) {
        throw new LineFormatException("content after the sig object");
      }
      return new Sig(alg, keyId, value);
    } catch (JsonProcessingException e) {
      throw new LineFormatException("the sig field is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new LineFormatException("the sig field is not readable: " + e.getMessage());
    }
  }

  private static Entry entry(JsonParser p, boolean readRecords)
      throws IOException, LineFormatException {
    if (p.nextToken() != JsonToken.FIELD_NAME) {
      throw new LineFormatException(
          "expected a genesis, record, close or recovery field after prev");
    }
    String type = p.currentName();
    switch (type) {
      case "genesis":
        {
          expect(p, JsonToken.START_OBJECT, "genesis");
          String format = stringField(p, "format");
          String alg = stringField(p, "alg");
          String keyId = hashField(p, "keyId");
          byte[] publicKey = base64Field(p, "publicKey");
          String previousFile = stringField(p, "previousFile");
          expect(p, JsonToken.END_OBJECT, "genesis after previousFile");
          return new Genesis(format, alg, keyId, publicKey, previousFile);
        }
      case "record":
        {
          expect(p, JsonToken.START_OBJECT, "record");
          if (!readRecords) {
            p.skipChildren();
            return new RecordEntry(Optional.empty());
          }
          JsonNode tree = MAPPER.readTree(p);
          return new RecordEntry(Optional.of(RecordJson.read(tree)));
        }
      case "close":
        {
          expect(p, JsonToken.START_OBJECT, "close");
          String reason = stringField(p, "reason");
          String nextFile = stringField(p, "nextFile");
          expect(p, JsonToken.END_OBJECT, "close after nextFile");
          if (!reason.equals(LogFormat.CLOSE_SHUTDOWN) && !reason.equals(LogFormat.CLOSE_ROTATED)) {
            throw new LineFormatException(
                "close.reason is neither shutdown nor rotated: " + reason);
          }
          if (reason.equals(LogFormat.CLOSE_ROTATED) == nextFile.isEmpty()) {
            throw new LineFormatException("close.nextFile is set if and only if the log rotated");
          }
          return new Close(reason, nextFile);
        }
      case "recovery":
        {
          expect(p, JsonToken.START_OBJECT, "recovery");
          long bytes = longField(p, "discardedBytes");
          String hash = hashField(p, "discardedSha256");
          expect(p, JsonToken.END_OBJECT, "recovery after discardedSha256");
          return new Recovery(bytes, hash);
        }
      default:
        throw new LineFormatException(
            "unknown field \"" + type + "\" where genesis, record, close or recovery belongs");
    }
  }

  private static void expect(JsonParser p, JsonToken token, String what)
      throws IOException, LineFormatException {
    JsonToken t = p.nextToken();
    if (t != token) {
      throw new LineFormatException(
          what
              + ": expected "
              + describe(token)
              + " but found "
              + (t == JsonToken.FIELD_NAME ? "field \"" + p.currentName() + "\"" : describe(t)));
    }
  }

  private static String describe(JsonToken t) {
    if (t == null) {
      return "the end";
    }
    switch (t) {
      case START_OBJECT:
        return "an object";
      case END_OBJECT:
        return "the end of the object";
      case START_ARRAY:
        return "an array";
      case VALUE_STRING:
        return "a string";
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return "a number";
      default:
        return t.asString() == null ? t.name().toLowerCase(java.util.Locale.ROOT) : t.asString();
    }
  }

  private static void name(JsonParser p, String field) throws IOException, LineFormatException {
    JsonToken t = p.nextToken();
    if (t != JsonToken.FIELD_NAME || !field.equals(p.currentName())) {
      throw new LineFormatException(
          "expected field \""
              + field
              + "\" but found "
              + (t == JsonToken.FIELD_NAME ? "field \"" + p.currentName() + "\"" : describe(t)));
    }
  }

  private static String stringField(JsonParser p, String field)
      throws IOException, LineFormatException {
    name(p, field);
    if (p.nextToken() != JsonToken.VALUE_STRING) {
      throw new LineFormatException(field + " is not a string");
    }
    return p.getText();
  }

  private static long longField(JsonParser p, String field)
      throws IOException, LineFormatException {
    name(p, field);
    if (p.nextToken() != JsonToken.VALUE_NUMBER_INT
        || p.getNumberType() != JsonParser.NumberType.INT
            && p.getNumberType() != JsonParser.NumberType.LONG) {
      throw new LineFormatException(field + " is not an integer");
    }
    return p.getLongValue();
  }

  private static Instant timeField(JsonParser p, String field)
      throws IOException, LineFormatException {
    String s = stringField(p, field);
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw new LineFormatException(field + " is not an RFC 3339 UTC time: " + s);
    }
  }

  private static String hashField(JsonParser p, String field)
      throws IOException, LineFormatException {
    String s = stringField(p, field);
    if (!LogFormat.isSha256Hex(s)) {
      throw new LineFormatException(field + " is not 64 lower-case hex digits");
    }
    return s;
  }

  private static byte[] base64Field(JsonParser p, String field)
      throws IOException, LineFormatException {
    String s = stringField(p, field);
    try {
      return Base64.getDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      throw new LineFormatException(field + " is not base64: " + e.getMessage());
    }
  }

  static int lastIndexOf(byte[] data, int length, byte[] needle) {
    outer:
    for (int i = length - needle.length; i >= 0; i--) {
      for (int j = 0; j < needle.length; j++) {
        if (data[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
