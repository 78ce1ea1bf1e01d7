package dev.countersign.testkit.trustroot;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.testkit.encoding.Bytes;
import dev.countersign.testkit.encoding.Json;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;

/**
 * Writes {@link TrustedRoot}s as {@code trusted_root.json}, in the layout of Sigstore's public-good
 * root: protobuf JSON names, base64 DER, RFC 3339 UTC timestamps.
 */
public final class TrustedRootWriter {
  private TrustedRootWriter() {}

  /** The root as a mutable JSON tree. */
  public static ObjectNode toJson(TrustedRoot root) {
    ObjectNode node = Json.object();
    node.put("mediaType", TrustedRoot.MEDIA_TYPE);
    ArrayNode tlogs = node.putArray("tlogs");
    root.tlogs().forEach(log -> tlogs.add(log(log)));
    ArrayNode cas = node.putArray("certificateAuthorities");
    root.certificateAuthorities().forEach(ca -> cas.add(authority(ca)));
    ArrayNode ctlogs = node.putArray("ctlogs");
    root.ctlogs().forEach(log -> ctlogs.add(log(log)));
    ArrayNode tsas = node.putArray("timestampAuthorities");
    root.timestampAuthorities().forEach(tsa -> tsas.add(authority(tsa)));
    return node;
  }

  /** The root as indented JSON text. */
  public static String write(TrustedRoot root) {
    return Json.pretty(toJson(root));
  }

  /** The UTF-8 bytes of {@link #write}. */
  public static byte[] writeBytes(TrustedRoot root) {
    return write(root).getBytes(StandardCharsets.UTF_8);
  }

  private static ObjectNode log(LogInstance log) {
    ObjectNode node = Json.object();
    node.put("baseUrl", log.baseUrl());
    node.put("hashAlgorithm", log.hashAlgorithm());
    ObjectNode key = node.putObject("publicKey");
    key.put("rawBytes", log.publicKey().base64());
    key.put("keyDetails", log.keyDetails());
    key.set("validFor", validity(log.validFor()));
    node.putObject("logId").put("keyId", log.logId().base64());
    return node;
  }

  private static ObjectNode authority(CertificateAuthorityInstance ca) {
    ObjectNode node = Json.object();
    ObjectNode subject = node.putObject("subject");
    subject.put("organization", ca.organization());
    subject.put("commonName", ca.commonName());
    node.put("uri", ca.uri());
    ArrayNode certificates = node.putObject("certChain").putArray("certificates");
    for (Bytes der : ca.certChain()) {
      certificates.addObject().put("rawBytes", der.base64());
    }
    node.set("validFor", validity(ca.validFor()));
    return node;
  }

  private static ObjectNode validity(ValidityPeriod period) {
    ObjectNode node = Json.object();
    if (period.start() != null) {
      node.put("start", DateTimeFormatter.ISO_INSTANT.format(period.start()));
    }
    if (period.end() != null) {
      node.put("end", DateTimeFormatter.ISO_INSTANT.format(period.end()));
    }
    return node;
  }
}
