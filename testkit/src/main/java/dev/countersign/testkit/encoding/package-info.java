/** Byte strings, PEM, canonical JSON and the shared JSON mapper used by every writer. */
package dev.countersign.testkit.encoding;
