package dev.countersign.cli;

import dev.countersign.report.aws.TrailLocation;
import software.amazon.awssdk.services.s3.S3Client;

/** A trail's S3 location as given with {@code --trail-s3 s3://BUCKET[/PREFIX]}. */
record TrailS3Address(String bucket, String prefix) {

  /** The address in {@code text}; UsageException when it is not an s3:// URL with a bucket. */
  static TrailS3Address parse(String text) {
    if (!text.startsWith("s3://") || text.length() <= 5) {
      throw new UsageException("USAGE", "--trail-s3 must be s3://BUCKET[/PREFIX], not " + text);
    }
    String rest = text.substring(5);
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    String prefix = slash < 0 ? "" : rest.substring(slash + 1).replaceAll("/+$", "");
    return new TrailS3Address(bucket, prefix);
  }

  /** The trail's files, read with {@code client}. */
  TrailLocation location(S3Client client) {
    return TrailLocation.s3(client, bucket, prefix);
  }
}
