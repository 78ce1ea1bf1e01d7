package dev.countersign.admission.records.internal;

/**
 * One line of a file, byte for byte.
 *
 * @param number 1-based line number
 * @param bytes the line without its newline; empty when {@code tooLong}
 * @param length the line's length in bytes, without its newline
 * @param terminated whether a newline ended it (false only for the last line of a file)
 * @param tooLong whether it is longer than {@link LogFormat#MAX_LINE_BYTES}
 */
public record RawLine(
    long number, byte[] bytes, long length, boolean terminated, boolean tooLong) {}
