package dev.countersign.cli;

import java.util.ListResourceBundle;

/**
 * How {@code packet snapshot} describes the options it shares with {@code packet}: there they name
 * evidence read into a packet, here what is copied for a packet built elsewhere. Picocli looks an
 * option's description up under its longest name without the leading dashes. Public because {@link
 * java.util.ResourceBundle} instantiates it by name.
 */
public final class PacketSnapshotDescriptions extends ListResourceBundle {
  @Override
  protected Object[][] getContents() {
    return new Object[][] {
      {"aws-region", "AWS region."},
      {"ecr-registry-id", "ECR registry (account id)."},
      {"cloudtrail-endpoint", "CloudTrail endpoint override."},
      {"from", "Start of the window (RFC 3339 UTC)."},
      {"to", "End of the window (default now)."},
      {"window", "Length of the window ending at --to (default 30d)."},
      {
        "trail-delivery-lag",
        "Trail files delivered this long after the window are copied too (default 2h)."
      }
    };
  }
}
