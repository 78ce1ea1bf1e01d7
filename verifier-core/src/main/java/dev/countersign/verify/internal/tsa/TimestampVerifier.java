package dev.countersign.verify.internal.tsa;

import dev.countersign.verify.internal.crypto.HashAlgorithm;
import dev.countersign.verify.internal.trust.CertificateAuthority;
import dev.countersign.verify.internal.trust.TimeRange;
import dev.countersign.verify.internal.x509.CertificateChainValidator;
import dev.countersign.verify.internal.x509.CertificateFormatException;
import dev.countersign.verify.internal.x509.CertificateProfile;
import dev.countersign.verify.internal.x509.ChainValidation;
import dev.countersign.verify.internal.x509.ParsedCertificate;
import java.io.IOException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerId;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.tsp.TimeStampTokenInfo;

/**
 * Verifies RFC 3161 timestamps over a signature against the timestamp authorities of a trust root.
 *
 * <p>The token's signer must be the signing certificate of a trust-root TSA, or a certificate
 * embedded in the token that chains to one; a certificate that merely comes with the token is never
 * trusted on its own. The TSA must be trusted by the root at the timestamp's time, and its
 * certificates valid then.
 */
public final class TimestampVerifier {
  private TimestampVerifier() {}

  /**
   * Result.
   *
   * @param verified whether the timestamp verified
   * @param time the verified generation time (null if not verified)
   * @param detail for people
   */
  public record Result(boolean verified, Instant time, String detail) {
    static Result fail(String detail) {
      return new Result(false, null, detail);
    }
  }

  /**
   * @param der the DER TimeStampResp (or bare TimeStampToken)
   * @param signedData the bytes the timestamp must cover (the artifact signature)
   * @param tsas the trust root's timestamp authorities
   */
  public static Result verify(byte[] der, byte[] signedData, List<CertificateAuthority> tsas) {
    TimeStampToken token;
    try {
      token = readToken(der);
    } catch (IOException
        | RuntimeException
        | org.bouncycastle.tsp.TSPException
        | org.bouncycastle.cms.CMSException e) {
      return Result.fail("the timestamp is malformed: " + e.getMessage());
    }
    if (token == null) {
      return Result.fail("the timestamp response was not granted");
    }
    TimeStampTokenInfo info = token.getTimeStampInfo();
    Optional<HashAlgorithm> alg = HashAlgorithm.fromOid(info.getMessageImprintAlgOID());
    if (alg.isEmpty()) {
      return Result.fail(
          "the timestamp uses unsupported imprint algorithm " + info.getMessageImprintAlgOID());
    }
    if (!MessageDigest.isEqual(alg.get().digest(signedData), info.getMessageImprintDigest())) {
      return Result.fail("the timestamp covers different data than the bundle's signature");
    }
    Instant genTime = info.getGenTime().toInstant();
    if (tsas.isEmpty()) {
      return Result.fail("the trust root has no timestamp authority to verify the timestamp with");
    }
    List<String> problems = new ArrayList<>();
    boolean anyCovering = false;
    for (CertificateAuthority tsa : tsas) {
      if (!tsa.validFor().contains(genTime)) {
        continue;
      }
      anyCovering = true;
      Optional<String> problem = verifyWith(token, tsa, genTime);
      if (problem.isEmpty()) {
        return new Result(true, genTime, "timestamp " + genTime + " from " + describe(tsa));
      }
      problems.add(describe(tsa) + ": " + problem.get());
    }
    if (!anyCovering) {
      return Result.fail("no timestamp authority of the trust root is trusted at " + genTime);
    }
    return Result.fail(String.join("; ", problems));
  }

  private static Optional<String> verifyWith(
      TimeStampToken token, CertificateAuthority tsa, Instant genTime) {
    Optional<String> broken = tsa.chainProblem();
    if (broken.isPresent()) {
      return broken;
    }
    SignerId sid = token.getSID();
    List<ParsedCertificate> chain = tsa.chain();
    ParsedCertificate signer = null;
    List<ParsedCertificate> issuers;
    X509CertificateHolder signerHolder;
    try {
      X509CertificateHolder first = new X509CertificateHolder(chain.get(0).der());
      if (sid.match(first)) {
        signer = chain.get(0);
        signerHolder = first;
        issuers = chain.subList(1, chain.size());
      } else {
        Collection<X509CertificateHolder> embedded = token.getCertificates().getMatches(sid);
        if (embedded.isEmpty()) {
          return Optional.of("the token is not signed by this authority's certificate");
        }
        signerHolder = embedded.iterator().next();
        signer = ParsedCertificate.parse(signerHolder.getEncoded());
        issuers = chain;
      }
    } catch (IOException | CertificateFormatException e) {
      return Optional.of("cannot read the signing certificate: " + e.getMessage());
    }
    try {
      // Checks the CMS signature, the ESS signing-certificate binding, the critical timeStamping
      // EKU and that the signing certificate was valid at genTime.
      token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(signerHolder));
    } catch (Exception e) {
      return Optional.of("the token does not verify: " + e.getMessage());
    }
    if (issuers.isEmpty()) {
      // The authority's chain is just its signing certificate: trusted as given.
      return signer.validAt(genTime)
          ? CertificateChainValidator.checkProfile(signer, CertificateProfile.TIME_STAMPING)
          : Optional.of("the signing certificate is not valid at " + genTime);
    }
    CertificateAuthority anchor =
        new CertificateAuthority(tsa.uri(), tsa.subject(), issuers, TimeRange.ALWAYS);
    ChainValidation path =
        CertificateChainValidator.validate(
            signer, List.of(anchor), genTime, CertificateProfile.TIME_STAMPING);
    return path.valid() ? Optional.empty() : Optional.of(path.detail());
  }

  private static TimeStampToken readToken(byte[] der)
      throws IOException, org.bouncycastle.tsp.TSPException, org.bouncycastle.cms.CMSException {
    ASN1Sequence seq = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(der));
    if (seq.size() > 0
        && seq.getObjectAt(0) instanceof org.bouncycastle.asn1.ASN1ObjectIdentifier) {
      return new TimeStampToken(new CMSSignedData(ContentInfo.getInstance(seq)));
    }
    TimeStampResponse response = new TimeStampResponse(der);
    int status = response.getStatus();
    if (status != 0 && status != 1) {
      return null;
    }
    return response.getTimeStampToken();
  }

  private static String describe(CertificateAuthority tsa) {
    return tsa.uri().isEmpty() ? tsa.subject() : tsa.uri();
  }
}
