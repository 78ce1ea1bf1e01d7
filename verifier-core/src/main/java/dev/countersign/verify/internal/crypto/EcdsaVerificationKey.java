package dev.countersign.verify.internal.crypto;

import java.math.BigInteger;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;

/** ECDSA over a NIST curve, DER-encoded signatures. */
final class EcdsaVerificationKey implements VerificationKey {
  private final KeyAlgorithm algorithm;
  private final ECPublicKeyParameters params;
  private final byte[] spki;

  EcdsaVerificationKey(KeyAlgorithm algorithm, ECPublicKeyParameters params, byte[] spki) {
    this.algorithm = algorithm;
    this.params = params;
    this.spki = spki;
  }

  @Override
  public KeyAlgorithm algorithm() {
    return algorithm;
  }

  @Override
  public byte[] spki() {
    return spki.clone();
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
    BigInteger n = params.getParameters().getN();
    BigInteger[] rs;
    try {
      // Strict DER: non-canonical encodings are rejected rather than normalised.
      rs = StandardDSAEncoding.INSTANCE.decode(n, signature);
    } catch (Exception e) {
      return false;
    }
    ECDSASigner signer = new ECDSASigner();
    signer.init(false, params);
    return signer.verifySignature(digest, rs[0], rs[1]);
  }
}
