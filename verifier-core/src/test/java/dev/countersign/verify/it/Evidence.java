package dev.countersign.verify.it;

import static dev.countersign.verify.it.Fixtures.SIGNED_AT;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.countersign.testkit.SignedBundle;
import dev.countersign.testkit.SigstoreSigner;
import dev.countersign.testkit.bundle.MessageSignature;
import dev.countersign.testkit.dsse.InTotoStatement;
import dev.countersign.testkit.encoding.Bytes;
import dev.countersign.testkit.oci.Blob;
import dev.countersign.testkit.oci.Digest;
import dev.countersign.testkit.oci.Image;
import dev.countersign.testkit.oci.MediaTypes;
import dev.countersign.testkit.oci.OciContent;
import dev.countersign.testkit.oci.cosign.CosignManifests;
import dev.countersign.testkit.oci.cosign.CosignSignature;
import dev.countersign.testkit.oci.cosign.CosignSigner;
import dev.countersign.testkit.oci.cosign.CosignStatements;
import dev.countersign.testkit.oci.cosign.SimpleSigningPayload;
import dev.countersign.testkit.oci.referrers.BundleReferrers;
import java.util.List;

/**
 * Image signatures as the clients the verifier must understand write them, each made for real by
 * the test's signers: classic cosign layers (in a {@code .sig} tag or as an OCI 1.1 referrer) and
 * Sigstore bundle referrers (a message signature over the manifest, or cosign v3's DSSE statement
 * of the {@code https://sigstore.dev/cosign/sign/v1} predicate).
 */
final class Evidence {
  /** The predicate type cosign v3 signs images with in a bundle. */
  static final String COSIGN_SIGN_PREDICATE = "https://sigstore.dev/cosign/sign/v1";

  private Evidence() {}

  /** Who signs. */
  enum Signer {
    RELEASE,
    OTHER_IDENTITY,
    KEY;

    CosignSigner cosign() {
      return switch (this) {
        case RELEASE -> Fixtures.cosignRelease();
        case OTHER_IDENTITY -> Fixtures.cosignOther();
        case KEY -> Fixtures.cosignKey();
      };
    }

    SigstoreSigner bundles() {
      return switch (this) {
        case RELEASE -> Fixtures.bundleRelease();
        case OTHER_IDENTITY -> Fixtures.bundleOther();
        case KEY -> Fixtures.bundleKey();
      };
    }
  }

  /** The kind of signature stored as a referrer. */
  enum Kind {
    /** cosign's simple-signing layer in a referrer manifest ({@code --registry-referrers-mode}). */
    COSIGN_LAYER,
    /** A Sigstore bundle signing the image manifest's bytes. */
    BUNDLE_MESSAGE_SIGNATURE,
    /** A Sigstore bundle with cosign v3's DSSE signing statement about the image. */
    BUNDLE_COSIGN_STATEMENT
  }

  /** Whether the signed content is altered after signing (the signature no longer covers it). */
  enum Tamper {
    NONE,
    ALTERED
  }

  /**
   * A signature by {@code signer} over {@code signedFor}, attached as a referrer of {@code subject}
   * (normally the same image), pushed by digest; the referrers tag index is added by the caller
   * once all referrers of a subject are known.
   */
  static OciContent referrer(
      Kind kind, Signer signer, String repository, Image subject, Image signedFor, Tamper tamper) {
    return switch (kind) {
      case COSIGN_LAYER ->
          CosignManifests.signaturesReferrer(
              subject.descriptor(),
              List.of(cosignSignature(signer, repository, signedFor.digest(), tamper)));
      case BUNDLE_MESSAGE_SIGNATURE, BUNDLE_COSIGN_STATEMENT ->
          BundleReferrers.of(
              bundle(kind, signer, repository, signedFor, tamper),
              subject.descriptor(),
              SIGNED_AT,
              BundleReferrers.Publisher.COSIGN);
    };
  }

  /** A cosign signature layer; altered: the payload is changed, the signature kept. */
  static CosignSignature cosignSignature(
      Signer signer, String repository, Digest digest, Tamper tamper) {
    CosignSignature sig = signer.cosign().sign(repository, digest, SIGNED_AT);
    if (tamper == Tamper.ALTERED) {
      // Still names the same image: only the signature can object.
      return sig.withPayload(SimpleSigningPayload.of(repository + "-altered", digest).toBytes());
    }
    return sig;
  }

  /** A signature bundle; altered: the signature bytes (message) or the statement (DSSE) change. */
  static SignedBundle bundle(
      Kind kind, Signer signer, String repository, Image signedFor, Tamper tamper) {
    if (kind == Kind.BUNDLE_MESSAGE_SIGNATURE) {
      SignedBundle b =
          signer.bundles().signArtifact(signedFor.manifest().content().toByteArray(), SIGNED_AT);
      if (tamper == Tamper.ALTERED) {
        MessageSignature ms = b.bundle().messageSignature();
        return b.withBundle(
            b.bundle().withMessageSignature(ms.withSignature(ms.signature().withBitFlipped(-1))));
      }
      return b;
    }
    SignedBundle b =
        signer.bundles().attest(signStatement(repository, signedFor.digest()), SIGNED_AT);
    if (tamper == Tamper.ALTERED) {
      Bytes other = Bytes.of(signStatement(repository + "-altered", signedFor.digest()).toBytes());
      return b.withBundle(
          b.bundle().withDsseEnvelope(b.bundle().dsseEnvelope().withPayload(other)));
    }
    return b;
  }

  /** cosign v3's signing statement: the image as subject, the sign predicate. */
  static InTotoStatement signStatement(String repository, Digest digest) {
    return CosignStatements.forImageV1(
        repository, digest, COSIGN_SIGN_PREDICATE, JsonNodeFactory.instance.objectNode());
  }

  /** The signed blob of a published signature: the simple-signing payload or the bundle. */
  static Blob signedBlob(OciContent content) {
    return content.blobs().stream()
        .filter(
            b ->
                b.mediaType().equals(MediaTypes.COSIGN_SIMPLE_SIGNING)
                    || b.mediaType().equals(MediaTypes.SIGSTORE_BUNDLE_V03)
                    || b.mediaType().equals(MediaTypes.DSSE_ENVELOPE))
        .findFirst()
        .orElseThrow();
  }
}
