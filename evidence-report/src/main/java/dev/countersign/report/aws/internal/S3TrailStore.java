package dev.countersign.report.aws.internal;

import dev.countersign.report.aws.AwsReason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A trail's S3 bucket: folders listed with {@code ListObjectsV2} and a {@code /} delimiter (paged
 * with continuation tokens), files streamed with {@code GetObject}, digest signatures read from the
 * object metadata with {@code HeadObject}.
 */
public final class S3TrailStore implements TrailStore {
  private final S3Client client;
  private final boolean ownsClient;
  private final String bucket;
  private final String prefix;

  public S3TrailStore(S3Client client, boolean ownsClient, String bucket, String prefix) {
    if (bucket == null || bucket.isBlank()) {
      throw new IllegalArgumentException("a bucket name is required");
    }
    this.client = client;
    this.ownsClient = ownsClient;
    this.bucket = bucket;
    String p = prefix == null ? "" : prefix.replaceAll("^/+|/+$", "");
    this.prefix = p.isEmpty() ? "" : p + "/";
  }

  @Override
  public String describe() {
    return "s3://" + bucket + "/" + prefix;
  }

  @Override
  public String prefix() {
    return prefix;
  }

  @Override
  public String bucket() {
    return bucket;
  }

  @Override
  public List<String> children(String folder) throws IOException {
    List<String> out = new ArrayList<>();
    try {
      for (ListObjectsV2Response page :
          client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(folder).delimiter("/"))) {
        for (CommonPrefix cp : page.commonPrefixes()) {
          String name = cp.prefix().substring(folder.length());
          out.add(name.endsWith("/") ? name.substring(0, name.length() - 1) : name);
        }
      }
    } catch (SdkException e) {
      throw failure("list", folder, e);
    }
    out.sort(null);
    return out;
  }

  @Override
  public List<String> files(String folder) throws IOException {
    List<String> out = new ArrayList<>();
    try {
      for (ListObjectsV2Response page :
          client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(folder).delimiter("/"))) {
        for (S3Object o : page.contents()) {
          out.add(o.key());
        }
      }
    } catch (SdkException e) {
      throw failure("list", folder, e);
    }
    out.sort(null);
    return out;
  }

  @Override
  public InputStream open(String key) throws IOException {
    try {
      return client.getObject(b -> b.bucket(bucket).key(key));
    } catch (NoSuchKeyException e) {
      throw new NoSuchFileException(uri(key));
    } catch (SdkException e) {
      throw failure("read", key, e);
    }
  }

  @Override
  public boolean exists(String key) throws IOException {
    return head(key).isPresent();
  }

  @Override
  public Optional<String> signature(String key) throws IOException {
    return head(key).map(h -> h.metadata().get("signature"));
  }

  private Optional<HeadObjectResponse> head(String key) throws IOException {
    try {
      return Optional.of(client.headObject(b -> b.bucket(bucket).key(key)));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw failure("read", key, e);
    } catch (SdkException e) {
      throw failure("read", key, e);
    }
  }

  @Override
  public Optional<String> keyOf(String s3Bucket, String s3Object) {
    return bucket.equals(s3Bucket) && s3Object != null ? Optional.of(s3Object) : Optional.empty();
  }

  @Override
  public String uri(String key) {
    return "s3://" + bucket + "/" + key;
  }

  private TrailStoreException failure(String what, String key, SdkException e) {
    AwsReason reason = SdkErrors.reason(e);
    return new TrailStoreException(
        reason, "cannot " + what + " " + uri(key) + ": " + SdkErrors.message(e), e);
  }

  @Override
  public void close() {
    if (ownsClient) {
      client.close();
    }
  }
}
