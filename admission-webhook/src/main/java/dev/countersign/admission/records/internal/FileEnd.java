package dev.countersign.admission.records.internal;

import java.nio.file.Path;

/**
 * The end of a checked file, which the genesis line of the file that continues it must name.
 *
 * @param file the file
 * @param lastSeq the sequence number of its last accepted line
 * @param headHash the hash of its last accepted line
 * @param rotated whether it ends with a closing line that moved the log to another file
 * @param nextFile the file it moved to, as the closing line names it; empty unless rotated
 */
record FileEnd(Path file, long lastSeq, String headHash, boolean rotated, String nextFile) {}
