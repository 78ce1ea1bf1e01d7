package dev.countersign.testkit.ca;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x509.Extension;

/**
 * The certificate extensions Fulcio sets under Sigstore's OID arc 1.3.6.1.4.1.57264.1 (see fulcio's
 * docs/oid-info.md). Constant order is Fulcio's encoding order.
 *
 * <p>The deprecated extensions (.1 to .6) hold the raw UTF-8 string as the extension value; the
 * later ones (.8 onwards) hold a DER UTF8String. Verifiers must read each the right way, so the
 * testkit writes both exactly as Fulcio does.
 */
public enum FulcioExtension {
  ISSUER_V1(1, false),
  GITHUB_WORKFLOW_TRIGGER(2, false),
  GITHUB_WORKFLOW_SHA(3, false),
  GITHUB_WORKFLOW_NAME(4, false),
  GITHUB_WORKFLOW_REPOSITORY(5, false),
  GITHUB_WORKFLOW_REF(6, false),
  ISSUER_V2(8, true),
  BUILD_SIGNER_URI(9, true),
  BUILD_SIGNER_DIGEST(10, true),
  RUNNER_ENVIRONMENT(11, true),
  SOURCE_REPOSITORY_URI(12, true),
  SOURCE_REPOSITORY_DIGEST(13, true),
  SOURCE_REPOSITORY_REF(14, true),
  SOURCE_REPOSITORY_IDENTIFIER(15, true),
  SOURCE_REPOSITORY_OWNER_URI(16, true),
  SOURCE_REPOSITORY_OWNER_IDENTIFIER(17, true),
  BUILD_CONFIG_URI(18, true),
  BUILD_CONFIG_DIGEST(19, true),
  BUILD_TRIGGER(20, true),
  RUN_INVOCATION_URI(21, true),
  SOURCE_REPOSITORY_VISIBILITY_AT_SIGNING(22, true);

  /** The Fulcio arc, parent of every constant's OID. */
  public static final String ARC = "1.3.6.1.4.1.57264.1";

  private final ASN1ObjectIdentifier oid;
  private final boolean derUtf8String;

  FulcioExtension(int arcNumber, boolean derUtf8String) {
    this.oid = new ASN1ObjectIdentifier(ARC + "." + arcNumber);
    this.derUtf8String = derUtf8String;
  }

  /** The extension's object identifier. */
  public ASN1ObjectIdentifier oid() {
    return oid;
  }

  /** True if the value is a DER UTF8String, false if it is the raw UTF-8 bytes. */
  public boolean isDerUtf8String() {
    return derUtf8String;
  }

  /** The extension's value octets for {@code value}. */
  public byte[] encodeValue(String value) {
    if (!derUtf8String) {
      return value.getBytes(StandardCharsets.UTF_8);
    }
    try {
      return new DERUTF8String(value).getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The non-critical extension carrying {@code value}. */
  public Extension toExtension(String value) {
    return new Extension(oid, false, encodeValue(value));
  }
}
