package dev.countersign.report.aws.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The eventIDs seen so far, in bounded memory: an open-addressing table of 128-bit keys in two
 * {@code long[]} arrays (16 bytes a slot, at most half full), so one million events take 32 MiB and
 * no per-event objects.
 *
 * <p>Why 128 bits and no stored strings: a CloudTrail eventID is a UUID, whose 128 bits are the key
 * itself, so two different UUIDs never compare equal and no event is ever wrongly dropped. Other
 * ids (none are documented, but a record is not rejected for it) are keyed by the first 128 bits of
 * their SHA-256: the chance that two of a million distinct ids share a key is about 10^-27, far
 * below the chance of a disk error in the packet itself. A 64-bit key alone would make that 10^-8
 * per million — small, but a dropped event is lost evidence, so the second 64 bits are the "second
 * check on collision".
 *
 * <p>Not thread-safe: the pipeline is single-threaded.
 */
public final class EventIdSet {
  private static final int INITIAL_CAPACITY = 1 << 16;

  private long[] hi = new long[INITIAL_CAPACITY];
  private long[] lo = new long[INITIAL_CAPACITY];
  private int mask = INITIAL_CAPACITY - 1;
  private int size;
  private boolean zeroKeySeen;
  private final MessageDigest sha256;

  public EventIdSet() {
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** Adds the id; true when it was not there before. */
  public boolean add(String eventId) {
    long h;
    long l;
    long[] uuid = parseUuid(eventId);
    if (uuid != null) {
      h = uuid[0];
      l = uuid[1];
    } else {
      byte[] d = sha256.digest(eventId.getBytes(StandardCharsets.UTF_8));
      h = toLong(d, 0);
      l = toLong(d, 8);
    }
    if (h == 0 && l == 0) {
      // (0, 0) marks an empty slot; the nil UUID is remembered beside the table
      boolean added = !zeroKeySeen;
      zeroKeySeen = true;
      return added;
    }
    int i = slot(h, l);
    while (true) {
      if (hi[i] == 0 && lo[i] == 0) {
        hi[i] = h;
        lo[i] = l;
        if (++size > (mask + 1) / 2) {
          grow();
        }
        return true;
      }
      if (hi[i] == h && lo[i] == l) {
        return false;
      }
      i = (i + 1) & mask;
    }
  }

  public int size() {
    return size + (zeroKeySeen ? 1 : 0);
  }

  /** Bytes held by the table, for the memory budget in benchmarks. */
  public long tableBytes() {
    return 16L * (mask + 1);
  }

  private int slot(long h, long l) {
    long x = h * 0x9E3779B97F4A7C15L ^ l;
    x ^= x >>> 31;
    x *= 0xBF58476D1CE4E5B9L;
    x ^= x >>> 29;
    return (int) x & mask;
  }

  private void grow() {
    long[] oldHi = hi;
    long[] oldLo = lo;
    int capacity = oldHi.length * 2;
    hi = new long[capacity];
    lo = new long[capacity];
    mask = capacity - 1;
    for (int j = 0; j < oldHi.length; j++) {
      if (oldHi[j] != 0 || oldLo[j] != 0) {
        int i = slot(oldHi[j], oldLo[j]);
        while (hi[i] != 0 || lo[i] != 0) {
          i = (i + 1) & mask;
        }
        hi[i] = oldHi[j];
        lo[i] = oldLo[j];
      }
    }
  }

  private static long toLong(byte[] b, int off) {
    long v = 0;
    for (int k = 0; k < 8; k++) {
      v = (v << 8) | (b[off + k] & 0xFF);
    }
    return v;
  }

  /**
   * The 128 bits of a UUID in CloudTrail's spelling (8-4-4-4-12 lower-case hex digits), or null:
   * any other spelling is keyed by hash, so two ids are one key only when they are the same string.
   */
  static long[] parseUuid(String s) {
    if (s.length() != 36
        || s.charAt(8) != '-'
        || s.charAt(13) != '-'
        || s.charAt(18) != '-'
        || s.charAt(23) != '-') {
      return null;
    }
    long h = 0;
    long l = 0;
    int digits = 0;
    for (int k = 0; k < 36; k++) {
      if (k == 8 || k == 13 || k == 18 || k == 23) {
        continue;
      }
      char c = s.charAt(k);
      int v;
      if (c >= '0' && c <= '9') {
        v = c - '0';
      } else if (c >= 'a' && c <= 'f') {
        v = c - 'a' + 10;
      } else {
        return null;
      }
      if (digits < 16) {
        h = (h << 4) | v;
      } else {
        l = (l << 4) | v;
      }
      digits++;
    }
    return new long[] {h, l};
  }
}
