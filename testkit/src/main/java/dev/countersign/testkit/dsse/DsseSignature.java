package dev.countersign.testkit.dsse;

import dev.countersign.testkit.encoding.Bytes;

/**
 * One signature of a DSSE envelope.
 *
 * @param keyid the optional key hint, or null to omit it
 * @param sig the signature over the PAE
 */
public record DsseSignature(String keyid, Bytes sig) {}
