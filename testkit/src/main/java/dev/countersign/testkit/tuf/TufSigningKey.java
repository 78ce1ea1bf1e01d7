package dev.countersign.testkit.tuf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * A TUF signing key: a generated key pair plus how a repository declares it ({@code keytype},
 * {@code scheme}, {@code keyval.public}) and its key id, the SHA-256 of the canonical JSON of that
 * declaration. Immutable; the {@code with...} methods return a new declaration of the same key.
 */
public final class TufSigningKey {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final TufKeyType type;
  private final KeyPair keyPair;
  private final TufPublicKeyFormat format;
  private final String declaredScheme;

  private TufSigningKey(
      TufKeyType type, KeyPair keyPair, TufPublicKeyFormat format, String declaredScheme) {
    this.type = type;
    this.keyPair = keyPair;
    this.format = format;
    this.declaredScheme = declaredScheme;
  }

  /** A fresh key of the given type, declared the way current tooling declares it. */
  public static TufSigningKey generate(TufKeyType type) {
    try {
      KeyPairGenerator generator;
      switch (type) {
        case ECDSA_P256:
          generator = KeyPairGenerator.getInstance("EC");
          generator.initialize(new ECGenParameterSpec("secp256r1"));
          break;
        case ECDSA_P384:
          generator = KeyPairGenerator.getInstance("EC");
          generator.initialize(new ECGenParameterSpec("secp384r1"));
          break;
        case ED25519:
          generator = KeyPairGenerator.getInstance("Ed25519");
          break;
        default:
          generator = KeyPairGenerator.getInstance("RSA");
          generator.initialize(2048);
          break;
      }
      return new TufSigningKey(type, generator.generateKeyPair(), type.defaultFormat(), null);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate a " + type + " key", e);
    }
  }

  /** The same key with {@code keyval.public} written in another format (and so another key id). */
  public TufSigningKey withPublicFormat(TufPublicKeyFormat newFormat) {
    return new TufSigningKey(type, keyPair, newFormat, declaredScheme);
  }

  /**
   * The same key declared with another {@code scheme} string, e.g. one no client knows. Signatures
   * are still made with the key's real algorithm.
   */
  public TufSigningKey withDeclaredScheme(String scheme) {
    return new TufSigningKey(type, keyPair, format, scheme);
  }

  public TufKeyType type() {
    return type;
  }

  public String scheme() {
    return declaredScheme != null ? declaredScheme : type.scheme();
  }

  /** The DER SubjectPublicKeyInfo. */
  public byte[] publicKeyDer() {
    return keyPair.getPublic().getEncoded();
  }

  /** The key object as it appears in a root's {@code keys} map. */
  public ObjectNode publicKeyJson() {
    ObjectNode key = MAPPER.createObjectNode();
    key.put("keytype", type.keyType());
    key.put("scheme", scheme());
    key.putObject("keyval").put("public", publicValue());
    return key;
  }

  /** SHA-256 of the canonical JSON of {@link #publicKeyJson()}, in hex (TUF KEYID). */
  public String keyId() {
    return TufDigests.sha256Hex(TufCanonicalJson.encode(publicKeyJson()));
  }

  /** Signs {@code message} as the scheme prescribes (ECDSA signatures DER-encoded). */
  public byte[] sign(byte[] message) {
    try {
      Signature signer;
      switch (type) {
        case ECDSA_P256:
          signer = Signature.getInstance("SHA256withECDSA");
          break;
        case ECDSA_P384:
          signer = Signature.getInstance("SHA384withECDSA");
          break;
        case ED25519:
          signer = Signature.getInstance("Ed25519");
          break;
        default:
          signer = Signature.getInstance("RSASSA-PSS");
          signer.setParameter(
              new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
          break;
      }
      signer.initSign(keyPair.getPrivate());
      signer.update(message);
      return signer.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with a " + type + " key", e);
    }
  }

  private String publicValue() {
    byte[] der = publicKeyDer();
    switch (format) {
      case HEX_RAW:
        return HexFormat.of()
            .formatHex(SubjectPublicKeyInfo.getInstance(der).getPublicKeyData().getBytes());
      case HEX_DER:
        return HexFormat.of().formatHex(der);
      case HEX_PEM:
        return HexFormat.of().formatHex(pem(der).getBytes(StandardCharsets.US_ASCII));
      default:
        return pem(der);
    }
  }

  private static String pem(byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
  }

  @Override
  public String toString() {
    return "TufSigningKey[" + scheme() + ", " + keyId().substring(0, 12) + "]";
  }
}
