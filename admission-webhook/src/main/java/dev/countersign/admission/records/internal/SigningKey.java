package dev.countersign.admission.records.internal;

import java.io.IOException;
import java.security.PrivateKey;
import java.util.Objects;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.DSADigestSigner;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * The private key a decision log is signed with, and its public half (derived, so the genesis line
 * always names the key that really signs).
 *
 * <p>ECDSA signatures are deterministic (RFC 6979): a log written twice from the same records and
 * clock is byte-for-byte the same.
 */
public final class SigningKey {
  private final AsymmetricKeyParameter privateParams;
  private final LogKey publicKey;

  private SigningKey(AsymmetricKeyParameter privateParams, LogKey publicKey) {
    this.privateParams = privateParams;
    this.publicKey = publicKey;
  }

  /** An Ed25519 or ECDSA P-256 private key with a PKCS#8 encoding. */
  public static SigningKey of(PrivateKey key) throws KeyFormatException {
    Objects.requireNonNull(key, "key");
    byte[] pkcs8 = key.getEncoded();
    if (pkcs8 == null || !"PKCS#8".equalsIgnoreCase(key.getFormat())) {
      throw new KeyFormatException(
          "the " + key.getAlgorithm() + " private key has no PKCS#8 encoding (a hardware key?)");
    }
    AsymmetricKeyParameter p;
    try {
      p = PrivateKeyFactory.createKey(pkcs8);
    } catch (IOException | RuntimeException e) {
      throw new KeyFormatException("not a readable PKCS#8 private key: " + e.getMessage());
    }
    if (p instanceof Ed25519PrivateKeyParameters) {
      return new SigningKey(
          p, LogKey.fromParameters(((Ed25519PrivateKeyParameters) p).generatePublicKey()));
    }
    if (p instanceof ECPrivateKeyParameters) {
      ECPrivateKeyParameters ec = (ECPrivateKeyParameters) p;
      if (!LogKey.isP256(ec.getParameters())) {
        throw new KeyFormatException(
            "an EC private key on a curve other than P-256; use Ed25519 or ECDSA P-256");
      }
      ECPrivateKeyParameters normal = new ECPrivateKeyParameters(ec.getD(), LogKey.P256_DOMAIN);
      ECPublicKeyParameters pub =
          new ECPublicKeyParameters(
              new FixedPointCombMultiplier().multiply(LogKey.P256.getG(), ec.getD()).normalize(),
              LogKey.P256_DOMAIN);
      return new SigningKey(normal, LogKey.fromParameters(pub));
    }
    throw new KeyFormatException(
        "a "
            + key.getAlgorithm()
            + " private key; decision logs are signed with Ed25519 or ECDSA P-256");
  }

  public LogKey publicKey() {
    return publicKey;
  }

  /** Signs {@code data[0..length)}. */
  public byte[] sign(byte[] data, int length) {
    if (publicKey.algorithm() == KeyAlgorithm.ED25519) {
      Ed25519Signer s = new Ed25519Signer();
      s.init(true, privateParams);
      s.update(data, 0, length);
      return s.generateSignature();
    }
    DSADigestSigner s =
        new DSADigestSigner(
            new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest())),
            new SHA256Digest(),
            StandardDSAEncoding.INSTANCE);
    s.init(true, privateParams);
    s.update(data, 0, length);
    return s.generateSignature();
  }
}
