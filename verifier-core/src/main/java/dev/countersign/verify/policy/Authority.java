package dev.countersign.verify.policy;

import dev.countersign.verify.internal.crypto.KeyFormatException;
import dev.countersign.verify.internal.crypto.PublicKeys;
import dev.countersign.verify.internal.crypto.VerificationKey;
import java.util.List;
import java.util.Objects;

/**
 * Who may sign: either keyless signers identified by certificate identity (any one identity
 * suffices), or holders of a given public key.
 */
public sealed interface Authority {

  /** A name for reports, e.g. {@code release-ci}. */
  String name();

  /** Keyless (Fulcio certificate) signers; any one of the identities suffices. */
  record Keyless(String name, List<CertificateIdentity> identities) implements Authority {
    public Keyless {
      Objects.requireNonNull(name, "name");
      identities = List.copyOf(identities);
      if (identities.isEmpty()) {
        throw new PolicyException("", "keyless authority '" + name + "' lists no identities");
      }
    }
  }

  /** Signers holding the private key of this public key. */
  final class PublicKey implements Authority {
    private final String name;
    private final String pem;
    private final VerificationKey key;
    private final boolean ignoreTransparencyLog;

    private PublicKey(String name, String pem, VerificationKey key, boolean ignoreTransparencyLog) {
      this.name = name;
      this.pem = pem;
      this.key = key;
      this.ignoreTransparencyLog = ignoreTransparencyLog;
    }

    /**
     * The same key, accepted also for signatures that were never logged (air-gapped signing without
     * a transparency log). Such a signature carries no verified time and its misuse would not be
     * visible anywhere; log entries that are present are still verified.
     */
    public PublicKey insecureIgnoreTransparencyLog() {
      return new PublicKey(name, pem, key, true);
    }

    /** Whether unlogged signatures are accepted for this key. */
    public boolean ignoresTransparencyLog() {
      return ignoreTransparencyLog;
    }

    @Override
    public String name() {
      return name;
    }

    /** The key as PEM (SubjectPublicKeyInfo). */
    public String pem() {
      return pem;
    }

    /** The decoded key; an implementation type, not part of the stable API. */
    public VerificationKey verificationKey() {
      return key;
    }

    @Override
    public String toString() {
      return "PublicKey["
          + name
          + ", "
          + key.algorithm()
          + (ignoreTransparencyLog ? ", unlogged allowed" : "")
          + "]";
    }
  }

  static Keyless keyless(String name, List<CertificateIdentity> identities) {
    return new Keyless(name, identities);
  }

  static Keyless keyless(CertificateIdentity identity) {
    return new Keyless("keyless", List.of(identity));
  }

  /**
   * An authority for a PEM public key (ECDSA P-256/P-384/P-521, Ed25519, RSA of at least 2048
   * bits). Throws PolicyException for anything else.
   */
  static PublicKey publicKey(String name, String pem) {
    Objects.requireNonNull(name, "name");
    try {
      VerificationKey key = PublicKeys.fromPem(pem);
      return new PublicKey(name, PublicKeys.toPem(key.spki()), key, false);
    } catch (KeyFormatException e) {
      throw new PolicyException("", "public key of authority '" + name + "': " + e.getMessage(), e);
    }
  }
}
