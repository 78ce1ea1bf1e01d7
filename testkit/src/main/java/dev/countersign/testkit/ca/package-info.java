/**
 * A Fulcio-like certificate authority: root, optional intermediate, and short-lived code-signing
 * leaves carrying Sigstore's identity extensions and an embedded SCT.
 */
package dev.countersign.testkit.ca;
