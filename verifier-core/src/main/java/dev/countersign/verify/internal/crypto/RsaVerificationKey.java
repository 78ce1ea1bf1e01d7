package dev.countersign.verify.internal.crypto;

import java.io.IOException;
import java.security.MessageDigest;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;
import org.bouncycastle.crypto.AsymmetricBlockCipher;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.encodings.PKCS1Encoding;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.signers.PSSSigner;

/** RSA with PKCS#1 v1.5 or PSS padding. */
final class RsaVerificationKey implements VerificationKey {
  /** Below this modulus size signatures are refused: such keys are not safe. */
  static final int MIN_MODULUS_BITS = 2048;

  private final RSAKeyParameters params;
  private final byte[] spki;
  private final boolean pss;

  RsaVerificationKey(RSAKeyParameters params, byte[] spki, boolean pss) {
    this.params = params;
    this.spki = spki;
    this.pss = pss;
  }

  @Override
  public KeyAlgorithm algorithm() {
    return KeyAlgorithm.RSA;
  }

  @Override
  public byte[] spki() {
    return spki.clone();
  }

  /** The same key with PSS padding (for certificates whose signature algorithm says so). */
  RsaVerificationKey withPss(boolean usePss) {
    return usePss == pss ? this : new RsaVerificationKey(params, spki, usePss);
  }

  @Override
  public boolean verifyMessage(byte[] message, HashAlgorithm hash, byte[] signature) {
    return verifyDigest(hash.digest(message), hash, signature);
  }

  @Override
  public boolean verifyDigest(byte[] digest, HashAlgorithm hash, byte[] signature) {
    if (digest == null || signature == null || digest.length != hash.length()) {
      return false;
    }
    if (params.getModulus().bitLength() < MIN_MODULUS_BITS) {
      return false;
    }
    return pss ? verifyPss(digest, hash, signature) : verifyPkcs1(digest, hash, signature);
  }

  private boolean verifyPkcs1(byte[] digest, HashAlgorithm hash, byte[] signature) {
    try {
      AsymmetricBlockCipher cipher = new PKCS1Encoding(new RSABlindedEngine());
      cipher.init(false, params);
      byte[] decoded = cipher.processBlock(signature, 0, signature.length);
      byte[] expected =
          new DigestInfo(new AlgorithmIdentifier(hash.oid(), DERNull.INSTANCE), digest)
              .getEncoded("DER");
      return MessageDigest.isEqual(decoded, expected);
    } catch (IOException | CryptoException | RuntimeException e) {
      return false;
    }
  }

  private boolean verifyPss(byte[] digest, HashAlgorithm hash, byte[] signature) {
    Digest content = bcDigest(hash);
    PSSSigner signer =
        PSSSigner.createRawSigner(
            new RSABlindedEngine(),
            content,
            bcDigest(hash),
            hash.length(),
            PSSSigner.TRAILER_IMPLICIT);
    signer.init(false, params);
    signer.update(digest, 0, digest.length);
    try {
      return signer.verifySignature(signature);
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static Digest bcDigest(HashAlgorithm hash) {
    switch (hash) {
      case SHA2_384:
        return new SHA384Digest();
      case SHA2_512:
        return new SHA512Digest();
      default:
        return new SHA256Digest();
    }
  }
}
