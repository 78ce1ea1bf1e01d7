package dev.countersign.testkit.tuf;

import java.util.List;

/**
 * The keys a root assigns to one role and how many of them must sign.
 *
 * @param threshold signatures required (not validated here, so tests can write broken roots)
 * @param keys the role's keys, in order
 */
public record TufRoleKeys(int threshold, List<TufSigningKey> keys) {
  public TufRoleKeys {
    keys = List.copyOf(keys);
  }

  public static TufRoleKeys of(int threshold, TufSigningKey... keys) {
    return new TufRoleKeys(threshold, List.of(keys));
  }

  /** One fresh key of the given type, threshold 1. */
  public static TufRoleKeys single(TufKeyType type) {
    return of(1, TufSigningKey.generate(type));
  }
}
