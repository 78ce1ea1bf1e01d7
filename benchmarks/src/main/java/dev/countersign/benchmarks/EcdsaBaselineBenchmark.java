package dev.countersign.benchmarks;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cryptographic floor of verifying one public-good bundle: one P-384 signature (the CA on the
 * leaf certificate) and four P-256 signatures (the CT log's SCT, the artifact signature, Rekor's
 * inclusion promise and its checkpoint). An operation is those five verifications; nothing else, so
 * a bundle verifier cannot beat this rate on the same library.
 *
 * <p>Keys are decoded from their SubjectPublicKeyInfo on every operation, as a verifier decodes the
 * key of a certificate it has never seen: Bouncy Castle caches precomputed multiples on a decoded
 * point, so a reused key object would verify faster than a new one. {@link #bouncyCastleFreshKeys}
 * decodes all five keys afresh; {@link #bouncyCastleTrustRootKeysKept} keeps the four trust-root
 * keys (CA, CT log, Rekor twice) decoded, as a verifier that parses its trust root once does, and
 * decodes only the leaf's key.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 4)
@Measurement(iterations = 5, time = 4)
@Fork(1)
public class EcdsaBaselineBenchmark {
  private static final int KEYS = 64;

  /** One signed digest: the signer's SubjectPublicKeyInfo, the digest, the DER signature. */
  record Signed(byte[] spki, byte[] digest, byte[] signature) {}

  /** Signatures made in advance by distinct keys of each curve. */
  @State(Scope.Benchmark)
  public static class Signatures {
    Signed[] p384;
    Signed[] p256;
    ECPublicKeyParameters keptP384;
    ECPublicKeyParameters[] keptP256;

    @Setup(Level.Trial)
    public void sign() throws Exception {
      p384 = signAll("secp384r1", "SHA384withECDSA", "SHA-384");
      p256 = signAll("secp256r1", "SHA256withECDSA", "SHA-256");
      keptP384 = bcKey(p384[0].spki());
      keptP256 = new ECPublicKeyParameters[] {bcKey(p256[1].spki()), bcKey(p256[2].spki())};
    }

    private static Signed[] signAll(String curve, String algorithm, String digest)
        throws GeneralSecurityException, IOException {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec(curve), new SecureRandom());
      SecureRandom random = new SecureRandom();
      Signed[] out = new Signed[KEYS];
      for (int i = 0; i < KEYS; i++) {
        KeyPair kp = g.generateKeyPair();
        byte[] message = new byte[256];
        random.nextBytes(message);
        Signature s = Signature.getInstance(algorithm);
        s.initSign(kp.getPrivate());
        s.update(message);
        out[i] =
            new Signed(
                kp.getPublic().getEncoded(),
                MessageDigest.getInstance(digest).digest(message),
                s.sign());
        if (!bouncyCastle(bcKey(out[i].spki()), out[i])) {
          throw new IllegalStateException("Bouncy Castle rejects a " + curve + " signature");
        }
      }
      return out;
    }
  }

  /** Each thread walks the signatures on its own; five per operation, all different keys. */
  @State(Scope.Thread)
  public static class Cursor {
    int next;

    int take() {
      int i = next;
      next = (i + 1) % (KEYS - 4);
      return i;
    }
  }

  @Benchmark
  public boolean bouncyCastleFreshKeys(Signatures s, Cursor c) throws IOException {
    int i = c.take();
    boolean ok = bouncyCastle(bcKey(s.p384[i].spki()), s.p384[i]);
    for (int k = 1; k <= 4; k++) {
      Signed p = s.p256[i + k - 1];
      ok &= bouncyCastle(bcKey(p.spki()), p);
    }
    return requireValid(ok);
  }

  @Benchmark
  public boolean bouncyCastleTrustRootKeysKept(Signatures s, Cursor c) throws IOException {
    int i = c.take();
    // The kept keys verify signatures they made: the CA key once, the CT and Rekor keys for the
    // SCT, the promise and the checkpoint (Rekor's key twice). Only the leaf's key is new.
    boolean ok = bouncyCastle(s.keptP384, s.p384[0]);
    ok &= bouncyCastle(s.keptP256[0], s.p256[1]);
    ok &= bouncyCastle(s.keptP256[1], s.p256[2]);
    ok &= bouncyCastle(s.keptP256[1], s.p256[2]);
    Signed leaf = s.p256[3 + i];
    ok &= bouncyCastle(bcKey(leaf.spki()), leaf);
    return requireValid(ok);
  }

  @Benchmark
  public boolean sunEcFreshKeys(Signatures s, Cursor c) throws GeneralSecurityException {
    int i = c.take();
    boolean ok = sunEc(s.p384[i]);
    for (int k = 1; k <= 4; k++) {
      ok &= sunEc(s.p256[i + k - 1]);
    }
    return requireValid(ok);
  }

  private static ECPublicKeyParameters bcKey(byte[] spki) throws IOException {
    return (ECPublicKeyParameters) PublicKeyFactory.createKey(spki);
  }

  /** Verification as Bouncy Castle's lightweight API does it: strict DER, then ECDSA. */
  static boolean bouncyCastle(ECPublicKeyParameters key, Signed s) throws IOException {
    BigInteger[] rs =
        StandardDSAEncoding.INSTANCE.decode(key.getParameters().getN(), s.signature());
    ECDSASigner verifier = new ECDSASigner();
    verifier.init(false, key);
    return verifier.verifySignature(s.digest(), rs[0], rs[1]);
  }

  /** The JDK's SunEC, fed the digest ({@code NONEwithECDSA}) like the Bouncy Castle path. */
  private static boolean sunEc(Signed s) throws GeneralSecurityException {
    PublicKey key =
        KeyFactory.getInstance("EC", "SunEC").generatePublic(new X509EncodedKeySpec(s.spki()));
    Signature v = Signature.getInstance("NONEwithECDSA", "SunEC");
    v.initVerify(key);
    v.update(s.digest());
    return v.verify(s.signature());
  }

  private static boolean requireValid(boolean ok) {
    if (!ok) {
      throw new IllegalStateException("a valid signature did not verify");
    }
    return ok;
  }
}
