package dev.countersign.admission.records;

import dev.countersign.admission.records.internal.KeyAlgorithm;
import dev.countersign.admission.records.internal.KeyFormatException;
import dev.countersign.admission.records.internal.LogKey;
import dev.countersign.admission.records.internal.SigningKey;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Keys for signing and verifying decision logs: Ed25519 (preferred) or ECDSA P-256, as PEM — PKCS#8
 * {@code PRIVATE KEY} (or SEC1 {@code EC PRIVATE KEY}) and SubjectPublicKeyInfo {@code PUBLIC KEY},
 * the forms {@code openssl genpkey -algorithm ed25519} and {@code openssl pkey -pubout} write.
 * Encrypted keys are refused: the webhook reads its key unattended, from a Secret.
 */
public final class DecisionLogKeys {
  private DecisionLogKeys() {}

  /** A new Ed25519 key pair. */
  public static KeyPair generateEd25519() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java 17 runtime has Ed25519", e);
    }
  }

  /**
   * Reads a PEM private key.
   *
   * @throws DecisionLogException if the file cannot be read or holds no usable private key
   */
  public static PrivateKey readPrivateKey(Path pem) {
    return parsePrivateKey(read(pem), pem.toString());
  }

  /** Reads a PEM public key (SubjectPublicKeyInfo). */
  public static PublicKey readPublicKey(Path pem) {
    return parsePublicKey(read(pem), pem.toString());
  }

  public static PrivateKey parsePrivateKey(String pem, String source) {
    Object o = pemObject(pem, source);
    PrivateKeyInfo info;
    if (o instanceof PrivateKeyInfo) {
      info = (PrivateKeyInfo) o;
    } else if (o instanceof PEMKeyPair) {
      info = ((PEMKeyPair) o).getPrivateKeyInfo();
    } else if (o instanceof PKCS8EncryptedPrivateKeyInfo || o instanceof PEMEncryptedKeyPair) {
      throw new DecisionLogException(
          source
              + ": the private key is encrypted; store it unencrypted in a Secret"
              + " (openssl pkey -in KEY -out PLAIN)");
    } else {
      throw new DecisionLogException(source + ": no PEM private key (" + describe(o) + ")");
    }
    PrivateKey key;
    try {
      key =
          KeyFactory.getInstance(algorithm(info.getPrivateKeyAlgorithm().getAlgorithm(), source))
              .generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
    } catch (GeneralSecurityException | IOException e) {
      throw new DecisionLogException(
          source + ": the private key cannot be read: " + e.getMessage());
    }
    try {
      SigningKey.of(key);
    } catch (KeyFormatException e) {
      throw new DecisionLogException(source + ": " + e.getMessage());
    }
    return key;
  }

  public static PublicKey parsePublicKey(String pem, String source) {
    Object o = pemObject(pem, source);
    if (!(o instanceof SubjectPublicKeyInfo)) {
      throw new DecisionLogException(
          source + ": no PEM public key (BEGIN PUBLIC KEY) (" + describe(o) + ")");
    }
    SubjectPublicKeyInfo info = (SubjectPublicKeyInfo) o;
    PublicKey key;
    try {
      key =
          KeyFactory.getInstance(algorithm(info.getAlgorithm().getAlgorithm(), source))
              .generatePublic(new X509EncodedKeySpec(info.getEncoded()));
      LogKey.fromPublicKey(key);
    } catch (GeneralSecurityException | IOException e) {
      throw new DecisionLogException(source + ": the public key cannot be read: " + e.getMessage());
    } catch (KeyFormatException e) {
      throw new DecisionLogException(source + ": " + e.getMessage());
    }
    return key;
  }

  /** The public half of a signing key. */
  public static PublicKey publicKeyOf(PrivateKey key) {
    try {
      LogKey pub = SigningKey.of(key).publicKey();
      return KeyFactory.getInstance(pub.algorithm() == KeyAlgorithm.ED25519 ? "Ed25519" : "EC")
          .generatePublic(new X509EncodedKeySpec(pub.spki()));
    } catch (KeyFormatException e) {
      throw new DecisionLogException("the decision-log signing key is unusable: " + e.getMessage());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("re-reading a public key this class encoded", e);
    }
  }

  /** The key id logs name a key by: SHA-256 hex of its DER SubjectPublicKeyInfo. */
  public static String keyId(PublicKey key) {
    try {
      return LogKey.fromPublicKey(key).keyId();
    } catch (KeyFormatException e) {
      throw new DecisionLogException("the public key is unusable: " + e.getMessage());
    }
  }

  /** PKCS#8 ({@code PRIVATE KEY}) or SubjectPublicKeyInfo ({@code PUBLIC KEY}) PEM. */
  public static String toPem(Key key) {
    String type;
    if (key instanceof PrivateKey && "PKCS#8".equalsIgnoreCase(key.getFormat())) {
      type = "PRIVATE KEY";
    } else if (key instanceof PublicKey && "X.509".equalsIgnoreCase(key.getFormat())) {
      type = "PUBLIC KEY";
    } else {
      throw new IllegalArgumentException(
          "a " + key.getAlgorithm() + " key without a PKCS#8 or X.509 encoding");
    }
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
        + "\n-----END "
        + type
        + "-----\n";
  }

  /**
   * Writes a private key as PEM to a new file readable by its owner only (where the file system has
   * POSIX permissions). Refuses to replace an existing file.
   */
  public static void writePrivateKey(Path file, PrivateKey key) throws IOException {
    byte[] pem = toPem(key).getBytes(StandardCharsets.US_ASCII);
    FileAttribute<?>[] attrs =
        FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
            ? new FileAttribute<?>[] {
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
            }
            : new FileAttribute<?>[0];
    Files.createFile(file, attrs);
    Files.write(file, pem, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
  }

  /** Writes a public key as PEM to a new file. Refuses to replace an existing file. */
  public static void writePublicKey(Path file, PublicKey key) throws IOException {
    Files.write(
        file, toPem(key).getBytes(StandardCharsets.US_ASCII), StandardOpenOption.CREATE_NEW);
  }

  private static String read(Path pem) {
    try {
      return Files.readString(pem, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new DecisionLogException("cannot read the key file " + pem + ": " + e.getMessage(), e);
    }
  }

  private static Object pemObject(String pem, String source) {
    try (Reader r = new StringReader(pem);
        PEMParser p = new PEMParser(r)) {
      Object o = p.readObject();
      if (o == null) {
        throw new DecisionLogException(source + ": no PEM block (-----BEGIN ...-----) found");
      }
      return o;
    } catch (IOException | RuntimeException e) {
      if (e instanceof DecisionLogException) {
        throw (DecisionLogException) e;
      }
      throw new DecisionLogException(source + ": not readable PEM: " + e.getMessage());
    }
  }

  private static String algorithm(ASN1ObjectIdentifier oid, String source) {
    if (EdECObjectIdentifiers.id_Ed25519.equals(oid)) {
      return "Ed25519";
    }
    if (X9ObjectIdentifiers.id_ecPublicKey.equals(oid)) {
      return "EC";
    }
    throw new DecisionLogException(
        source
            + ": a key of type "
            + oid.getId()
            + "; decision logs are signed with Ed25519 or ECDSA P-256");
  }

  private static String describe(Object o) {
    return "found " + o.getClass().getSimpleName();
  }
}
