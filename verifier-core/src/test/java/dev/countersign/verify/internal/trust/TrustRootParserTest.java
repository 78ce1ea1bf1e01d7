package dev.countersign.verify.internal.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.testkit.TestSigstore;
import dev.countersign.verify.trust.TrustRootException;
import dev.countersign.verify.trust.TrustRoots;
import dev.countersign.verify.trust.TrustedService;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * trusted_root.json parsing: what is accepted, and every malformed root rejected with a location.
 */
class TrustRootParserTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final String base =
      TestSigstore.create(Instant.parse("2025-01-01T00:00:00Z")).trustedRootJson();

  private ParsedTrustRoot parse(Consumer<ObjectNode> edit) throws Exception {
    ObjectNode root = (ObjectNode) JSON.readTree(base);
    edit.accept(root);
    return TrustRootParser.parse("t", JSON.writeValueAsBytes(root), "test");
  }

  private void assertRejected(Consumer<ObjectNode> edit, String messagePart) {
    assertThatThrownBy(() -> parse(edit))
        .isInstanceOf(TrustRootException.class)
        .hasMessageContaining(messagePart);
  }

  @Test
  void aCompleteRootLoadsEveryService() throws Exception {
    ParsedTrustRoot r = parse(root -> {});
    assertThat(r.services())
        .extracting(TrustedService::kind)
        .containsExactlyInAnyOrder(
            TrustedService.Kind.TRANSPARENCY_LOG,
            TrustedService.Kind.TRANSPARENCY_LOG,
            TrustedService.Kind.CERTIFICATE_AUTHORITY,
            TrustedService.Kind.CT_LOG,
            TrustedService.Kind.TIMESTAMP_AUTHORITY);
    assertThat(r.revision()).startsWith("sha256:");
  }

  @Test
  void logKeyRangesNeedAStartWhenPresent() {
    assertRejected(
        root -> ((ObjectNode) root.get("tlogs").get(0).get("publicKey")).putObject("validFor"),
        "tlogs[0].publicKey.validFor");
    assertRejected(
        root ->
            ((ObjectNode) root.get("ctlogs").get(0).get("publicKey").get("validFor"))
                .remove("start"),
        "validity period has no start");
  }

  @Test
  void caRangesMayBeOpenButNotInverted() throws Exception {
    parse(root -> ((ObjectNode) root.get("certificateAuthorities").get(0)).putObject("validFor"));
    assertRejected(
        root ->
            ((ObjectNode) root.get("certificateAuthorities").get(0).get("validFor"))
                .put("end", "2000-01-01T00:00:00Z"),
        "ends before it starts");
  }

  @Test
  void chainsMayBeListedRootFirstButMustLink() throws Exception {
    ParsedTrustRoot reversed =
        parse(
            root -> {
              ArrayNode certs =
                  (ArrayNode)
                      root.get("certificateAuthorities")
                          .get(0)
                          .get("certChain")
                          .get("certificates");
              JsonNode first = certs.remove(0);
              certs.add(first);
            });
    assertThat(reversed.certificateAuthorities().get(0).chain().get(0).isSelfIssued()).isFalse();
    assertRejected(
        root -> {
          ArrayNode certs =
              (ArrayNode)
                  root.get("certificateAuthorities").get(0).get("certChain").get("certificates");
          certs.add(
              root.get("timestampAuthorities").get(0).get("certChain").get("certificates").get(0));
        },
        "do not form a chain");
  }

  @Test
  void malformedRootsAreRejectedWithTheirLocation() {
    assertRejected(
        root -> root.put("mediaType", "application/json"), "unsupported trusted root media type");
    assertRejected(
        root -> ((ObjectNode) root.get("tlogs").get(0).get("publicKey")).put("rawBytes", "AAAA"),
        "tlogs[0].publicKey");
    assertRejected(
        root ->
            ((ObjectNode) root.get("tlogs").get(0).get("publicKey"))
                .put("keyDetails", "PKIX_ED25519"),
        "do not match");
    assertRejected(
        root -> ((ObjectNode) root.get("tlogs").get(0)).remove("logId"), "tlogs[0].logId");
    assertRejected(
        root ->
            ((ObjectNode) root.get("certificateAuthorities").get(0).get("certChain"))
                .putArray("certificates"),
        "certificate chain is empty");
    assertRejected(
        root ->
            ((ObjectNode)
                    root.get("certificateAuthorities")
                        .get(0)
                        .get("certChain")
                        .get("certificates")
                        .get(0))
                .put("rawBytes", "MIIB"),
        "certificateAuthorities[0].certChain.certificates[0]");
    assertRejected(
        root -> {
          root.putArray("tlogs");
          root.putArray("timestampAuthorities");
        },
        "no signing time could ever be verified");
    assertThatThrownBy(() -> TrustRootParser.parse("t", "{".getBytes(StandardCharsets.UTF_8), "x"))
        .isInstanceOf(TrustRootException.class);
  }

  @Test
  void aRootWithoutAnyAuthorityLoadsForKeyBasedVerification() {
    ParsedTrustRoot empty =
        TrustRootParser.parse(
            "keys-only",
            "{\"mediaType\": \"application/vnd.dev.sigstore.trustedroot+json;version=0.1\"}"
                .getBytes(StandardCharsets.UTF_8),
            "keys-only.json");
    assertThat(empty.certificateAuthorities()).isEmpty();
    assertThat(empty.transparencyLogs()).isEmpty();
    assertThat(empty.timestampAuthorities()).isEmpty();
  }

  @Test
  void clientTrustConfigIsUnwrapped() throws Exception {
    ObjectNode wrapper = JSON.createObjectNode();
    wrapper.put("mediaType", "application/vnd.dev.sigstore.clienttrustconfig.v0.1+json");
    wrapper.set("trustedRoot", JSON.readTree(base));
    assertThat(TrustRoots.fromJson("w", JSON.writeValueAsBytes(wrapper), "w").services())
        .hasSize(5);
  }

  @Test
  void namesMustBeSimple() {
    assertThatThrownBy(
            () -> TrustRoots.fromJson("../x", base.getBytes(StandardCharsets.UTF_8), "x"))
        .isInstanceOf(TrustRootException.class);
  }
}
