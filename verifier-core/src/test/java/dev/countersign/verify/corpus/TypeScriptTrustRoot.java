package dev.countersign.verify.corpus;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the {@code trustedRootJSON} object literal out of a sigstore-js TypeScript fixture (single
 * quotes, unquoted keys, trailing commas, {@code undefined}) and returns it as JSON.
 */
final class TypeScriptTrustRoot {
  private static final ObjectMapper LENIENT =
      JsonMapper.builder(
              JsonFactory.builder()
                  .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
                  .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
                  .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
                  .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
                  .build())
          .build();

  private TypeScriptTrustRoot() {}

  static byte[] extract(Path tsFile) throws IOException {
    String ts = Files.readString(tsFile, StandardCharsets.UTF_8);
    int start = ts.indexOf('{', ts.indexOf("const trustedRootJSON"));
    int depth = 0;
    int end = -1;
    boolean inString = false;
    for (int i = start; i < ts.length(); i++) {
      char c = ts.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '\'') {
          inString = false;
        }
      } else if (c == '\'') {
        inString = true;
      } else if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        end = i + 1;
        break;
      }
    }
    String literal = ts.substring(start, end).replaceAll("\\bundefined\\b", "null");
    return LENIENT.writeValueAsBytes(LENIENT.readTree(literal));
  }
}
