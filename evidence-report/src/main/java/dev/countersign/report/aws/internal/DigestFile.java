package dev.countersign.report.aws.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A CloudTrail digest file as delivered (inflated bytes) and the fields validation uses, with the
 * signing rule of CloudTrail's "custom implementation" guide: SHA256withRSA over
 *
 * <pre>
 * digestEndTime \n digestS3Bucket/digestS3Object \n hex(SHA-256(inflated digest)) \n previousDigestSignature
 * </pre>
 *
 * where a first digest's absent previous signature is the text {@code null}.
 */
public final class DigestFile {
  public static final String ALGORITHM = "SHA256withRSA";

  /** One log file the digest vouches for. */
  public record LogFile(String s3Bucket, String s3Object, String hashValue) {}

  private final byte[] inflated;
  private final String sha256;
  private final String endTime;
  private final String startTime;
  private final String bucket;
  private final String object;
  private final String fingerprint;
  private final String algorithm;
  private final Optional<String> previousBucket;
  private final Optional<String> previousObject;
  private final Optional<String> previousSignature;
  private final Optional<String> previousHash;
  private final List<LogFile> logFiles;

  private DigestFile(byte[] inflated, JsonNode n) throws IOException {
    this.inflated = inflated;
    this.sha256 = sha256Hex(inflated);
    this.endTime = required(n, "digestEndTime");
    this.startTime = required(n, "digestStartTime");
    this.bucket = required(n, "digestS3Bucket");
    this.object = required(n, "digestS3Object");
    this.fingerprint = required(n, "digestPublicKeyFingerprint");
    this.algorithm = Json.text(n, "digestSignatureAlgorithm").orElse(ALGORITHM);
    this.previousBucket = Json.text(n, "previousDigestS3Bucket");
    this.previousObject = Json.text(n, "previousDigestS3Object");
    this.previousSignature = Json.text(n, "previousDigestSignature");
    this.previousHash = Json.text(n, "previousDigestHashValue");
    JsonNode logs = n.get("logFiles");
    if (logs == null || !logs.isArray()) {
      throw new IOException("has no logFiles array");
    }
    List<LogFile> list = new ArrayList<>();
    for (JsonNode l : logs) {
      list.add(
          new LogFile(
              Json.text(l, "s3Bucket").orElse(""),
              required(l, "s3Object"),
              required(l, "hashValue")));
    }
    this.logFiles = List.copyOf(list);
  }

  /** Parses inflated digest bytes; IOException naming what is missing when they are not one. */
  public static DigestFile parse(byte[] inflated) throws IOException {
    JsonNode n = Json.MAPPER.readTree(inflated);
    if (n == null || !n.isObject()) {
      throw new IOException("is not a JSON object");
    }
    return new DigestFile(inflated, n);
  }

  /** The text CloudTrail signs. */
  public String stringToSign() {
    return endTime
        + "\n"
        + bucket
        + "/"
        + object
        + "\n"
        + sha256
        + "\n"
        + previousSignature.orElse("null");
  }

  /** Whether {@code signatureHex} is CloudTrail's signature of this file under {@code key}. */
  public boolean verify(String signatureHex, PublicKey key) {
    byte[] signature;
    try {
      signature = HexFormat.of().parseHex(signatureHex.trim());
    } catch (IllegalArgumentException e) {
      return false;
    }
    try {
      Signature s = Signature.getInstance(ALGORITHM);
      s.initVerify(key);
      s.update(stringToSign().getBytes(StandardCharsets.UTF_8));
      return s.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  public static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static String required(JsonNode n, String field) throws IOException {
    return Json.text(n, field).orElseThrow(() -> new IOException("has no " + field));
  }

  public byte[] inflated() {
    return inflated.clone();
  }

  public String sha256() {
    return sha256;
  }

  public String endTime() {
    return endTime;
  }

  public String startTime() {
    return startTime;
  }

  public String bucket() {
    return bucket;
  }

  public String object() {
    return object;
  }

  public String fingerprint() {
    return fingerprint;
  }

  public String algorithm() {
    return algorithm;
  }

  public Optional<String> previousBucket() {
    return previousBucket;
  }

  public Optional<String> previousObject() {
    return previousObject;
  }

  public Optional<String> previousSignature() {
    return previousSignature;
  }

  public Optional<String> previousHash() {
    return previousHash;
  }

  public List<LogFile> logFiles() {
    return logFiles;
  }
}
