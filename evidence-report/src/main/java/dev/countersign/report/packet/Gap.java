package dev.countersign.report.packet;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Something the packet found missing or out of policy. A gap is evidence for the assessor, not a
 * determination.
 *
 * @param kind what it is (stable code)
 * @param subject what it is about: an image digest reference, a repository, a principal, a period
 *     ({@code start/end}) or a file
 * @param detail one sentence for people, naming what shows it
 * @param at when it happened, when that is known
 */
public record Gap(GapKind kind, String subject, String detail, Optional<Instant> at) {
  public Gap {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(detail, "detail");
    at = at == null ? Optional.empty() : at;
  }

  public static Gap of(GapKind kind, String subject, String detail) {
    return new Gap(kind, subject, detail, Optional.empty());
  }
}
