package dev.countersign.testkit.keys;

import dev.countersign.testkit.encoding.Bytes;
import dev.countersign.testkit.encoding.Pem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Arrays;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;

/**
 * A generated key pair together with its algorithm, able to sign raw messages and prehashed digests
 * and to encode its public half.
 */
public record TestKeyPair(KeyAlgorithm algorithm, KeyPair keyPair) {

  /** Generates a fresh key pair. */
  public static TestKeyPair generate(KeyAlgorithm algorithm) {
    return new TestKeyPair(algorithm, algorithm.generate());
  }

  /** The public key. */
  public PublicKey publicKey() {
    return keyPair.getPublic();
  }

  /** The private key. */
  public PrivateKey privateKey() {
    return keyPair.getPrivate();
  }

  /** The DER SubjectPublicKeyInfo. */
  public Bytes spki() {
    return Bytes.of(publicKey().getEncoded());
  }

  /** The public key as a PEM {@code PUBLIC KEY} block. */
  public String publicKeyPem() {
    return Pem.publicKey(publicKey());
  }

  /**
   * The 32-byte raw Ed25519 public key (RFC 8032), which is the tail of the SubjectPublicKeyInfo.
   */
  public byte[] rawEd25519PublicKey() {
    if (!algorithm.isEd25519()) {
      throw new IllegalStateException("not an Ed25519 key: " + algorithm);
    }
    byte[] spki = publicKey().getEncoded();
    return Arrays.copyOfRange(spki, spki.length - 32, spki.length);
  }

  /** Signs {@code message} with the algorithm's default scheme (DER signature for ECDSA). */
  public byte[] sign(byte[] message) {
    return sign(message, algorithm.hashAlgorithm());
  }

  /** Signs {@code message}, hashing it with {@code digest} (ignored for Ed25519). */
  public byte[] sign(byte[] message, HashAlgorithm digest) {
    try {
      Signature signature = Signature.getInstance(algorithm.signatureAlgorithm(digest));
      signature.initSign(privateKey());
      signature.update(message);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with " + algorithm, e);
    }
  }

  /**
   * Signs a digest computed elsewhere, producing the same signature {@link #sign(byte[],
   * HashAlgorithm)} would over the original message. Ed25519 has no prehashed form that Sigstore
   * uses, so it is refused.
   */
  public byte[] signDigest(HashAlgorithm digestAlgorithm, byte[] digest) {
    if (algorithm.isEd25519()) {
      throw new UnsupportedOperationException("Ed25519 signs messages, not digests");
    }
    try {
      Signature signature;
      byte[] input = digest;
      if (algorithm.isRsa()) {
        // PKCS#1 v1.5 signs the DER DigestInfo, so the raw RSA primitive needs it spelled out.
        signature = Signature.getInstance("NONEwithRSA");
        AlgorithmIdentifier id = new AlgorithmIdentifier(digestAlgorithm.oid(), DERNull.INSTANCE);
        input = new DigestInfo(id, digest).getEncoded();
      } else {
        signature = Signature.getInstance("NONEwithECDSA");
      }
      signature.initSign(privateKey());
      signature.update(input);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign digest with " + algorithm, e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Verifies a signature made by {@link #sign(byte[], HashAlgorithm)}. */
  public boolean verify(byte[] message, byte[] signatureBytes, HashAlgorithm digest) {
    try {
      Signature signature = Signature.getInstance(algorithm.signatureAlgorithm(digest));
      signature.initVerify(publicKey());
      signature.update(message);
      return signature.verify(signatureBytes);
    } catch (java.security.SignatureException e) {
      return false;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot verify with " + algorithm, e);
    }
  }

  /** Verifies a signature made with the default scheme. */
  public boolean verify(byte[] message, byte[] signatureBytes) {
    return verify(message, signatureBytes, algorithm.hashAlgorithm());
  }
}
