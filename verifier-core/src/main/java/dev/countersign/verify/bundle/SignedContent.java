package dev.countersign.verify.bundle;

/**
 * What a bundle signs: a {@link MessageSignature} over an artifact, or a {@link
 * dev.countersign.verify.attest.DsseEnvelope}.
 */
public interface SignedContent {}
