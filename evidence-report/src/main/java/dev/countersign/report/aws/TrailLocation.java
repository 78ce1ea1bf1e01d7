package dev.countersign.report.aws;

import dev.countersign.report.aws.internal.AwsClients;
import dev.countersign.report.aws.internal.LocalTrailStore;
import dev.countersign.report.aws.internal.S3TrailStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Where a trail delivers its files: an S3 bucket and prefix, or a local copy of one. Both hold
 * {@code AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/*.json.gz} log files and, with log file
 * validation on, {@code AWSLogs/<account>/CloudTrail-Digest/...} digest files (organization trails
 * add the organization id after {@code AWSLogs/}).
 */
public interface TrailLocation extends AutoCloseable {

  /** {@code s3://bucket/prefix/} or the folder. */
  String describe();

  @Override
  default void close() {}

  /**
   * A local copy, such as {@code aws s3 sync s3://bucket/prefix/ DIR}: {@code folder} holds {@code
   * AWSLogs/}. Copies lose S3 object metadata, which holds each digest file's signature: put the
   * signature of the newest digest file (its {@code x-amz-meta-signature}) beside it as {@code
   * <digest file>.signature}; each older digest's signature is the one its successor vouches for.
   *
   * @throws AwsEvidenceException when the folder does not exist
   */
  static TrailLocation localFolder(Path folder) {
    if (!Files.isDirectory(folder)) {
      throw new AwsEvidenceException(
          AwsReason.NOT_FOUND, "trail folder does not exist: " + folder.toAbsolutePath());
    }
    return new LocalTrailStore(folder);
  }

  /**
   * A bucket read with the given client, which the caller closes.
   *
   * @param prefix the trail's S3 key prefix without trailing slash, or empty
   */
  static TrailLocation s3(S3Client client, String bucket, String prefix) {
    return new S3TrailStore(client, false, bucket, prefix);
  }

  /**
   * A bucket read with a client of its own (default credential chain, standard retries), closed
   * with this location.
   */
  static TrailLocation s3(String region, String bucket, String prefix) throws IOException {
    S3Client client =
        AwsClients.s3(
            new AwsClients.Settings(region, null, null, 6, Duration.ofSeconds(60), null), false);
    return new S3TrailStore(client, true, bucket, prefix);
  }
}
