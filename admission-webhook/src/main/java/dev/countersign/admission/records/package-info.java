/**
 * Decision records: every admission decision appended to a hash-chained, signed JSON-lines log
 * ({@link dev.countersign.admission.records.DecisionLog}), verifiable on its own or against a
 * pinned public key, and read back as verified records for audit packets. The line format is
 * specified in the module's RECORDS.md so that auditors can check a log with other tools.
 *
 * <p>Types in {@code .internal} are not API.
 */
package dev.countersign.admission.records;
