package dev.countersign.testkit.ca;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x509.GeneralName;

/**
 * The one identity a Fulcio leaf certifies: a URI (workload identities), an RFC 822 email, or an
 * otherName of type 1.3.6.1.4.1.57264.1.7 holding a UTF8String username.
 */
public record SubjectAlternativeName(Kind kind, String value) {
  /** Fulcio's otherName type for usernames. */
  public static final ASN1ObjectIdentifier OTHER_NAME_TYPE =
      new ASN1ObjectIdentifier(FulcioExtension.ARC + ".7");

  /** The GeneralName form. */
  public enum Kind {
    URI,
    EMAIL,
    OTHER_NAME
  }

  /** A uniformResourceIdentifier name. */
  public static SubjectAlternativeName uri(String uri) {
    return new SubjectAlternativeName(Kind.URI, uri);
  }

  /** An rfc822Name. */
  public static SubjectAlternativeName email(String email) {
    return new SubjectAlternativeName(Kind.EMAIL, email);
  }

  /** An otherName of Fulcio's username type. */
  public static SubjectAlternativeName otherName(String username) {
    return new SubjectAlternativeName(Kind.OTHER_NAME, username);
  }

  /** The X.509 GeneralName. */
  public GeneralName toGeneralName() {
    return switch (kind) {
      case URI -> new GeneralName(GeneralName.uniformResourceIdentifier, value);
      case EMAIL -> new GeneralName(GeneralName.rfc822Name, value);
      case OTHER_NAME -> {
        // OtherName ::= SEQUENCE { type-id OID, value [0] EXPLICIT ANY }
        ASN1EncodableVector otherName = new ASN1EncodableVector();
        otherName.add(OTHER_NAME_TYPE);
        otherName.add(new DERTaggedObject(true, 0, new DERUTF8String(value)));
        yield new GeneralName(GeneralName.otherName, new DERSequence(otherName));
      }
    };
  }
}
