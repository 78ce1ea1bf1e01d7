package dev.countersign.verify.trust;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * A TUF repository mirrored on disk, from which a trusted_root.json target is read after its TUF
 * metadata has been verified (signatures, thresholds, versions, expiry, target hash and length).
 * Nothing is fetched over the network.
 *
 * @param repository the mirror directory: TUF metadata ({@code N.root.json}, {@code
 *     timestamp.json}, snapshot and targets) either directly in it or in a {@code metadata/}
 *     subdirectory, and target files in {@code targets/}
 * @param trustedRoot the TUF {@code root.json} the caller already trusts (shipped with the product
 *     or provisioned out of band); newer roots in the mirror are accepted only through the TUF root
 *     rotation rules
 * @param targetName the target to load, normally {@code trusted_root.json}
 * @param clock the clock used to check metadata expiry
 */
public record TufMirror(Path repository, Path trustedRoot, String targetName, Clock clock) {
  public static final String TRUSTED_ROOT_TARGET = "trusted_root.json";

  public TufMirror {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(trustedRoot, "trustedRoot");
    Objects.requireNonNull(targetName, "targetName");
    Objects.requireNonNull(clock, "clock");
  }

  /** A mirror serving {@code trusted_root.json}, checked against the system clock. */
  public static TufMirror of(Path repository, Path trustedRoot) {
    return new TufMirror(repository, trustedRoot, TRUSTED_ROOT_TARGET, Clock.systemUTC());
  }

  public TufMirror withClock(Clock newClock) {
    return new TufMirror(repository, trustedRoot, targetName, newClock);
  }
}
