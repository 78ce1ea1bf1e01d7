package dev.countersign.ecr;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The coordinates of an Amazon ECR private registry host, {@code
 * <account>.dkr.ecr[-fips].<region>.amazonaws.com[.cn]}.
 *
 * @param account the 12-digit AWS account id
 * @param region the AWS region, e.g. {@code us-gov-west-1}
 * @param fips whether the host is the FIPS endpoint (then the FIPS ECR API endpoint is used too)
 */
public record EcrRegistryHost(String account, String region, boolean fips) {
  private static final Pattern HOST =
      Pattern.compile("^(\\d{12})\\.dkr\\.ecr(-fips)?\\.([a-z0-9-]+)\\.amazonaws\\.com(\\.cn)?$");

  /** The coordinates of {@code registry} (host, as in image references), or empty if not ECR. */
  public static Optional<EcrRegistryHost> parse(String registry) {
    if (registry == null) {
      return Optional.empty();
    }
    Matcher m = HOST.matcher(registry.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new EcrRegistryHost(m.group(1), m.group(3), m.group(2) != null));
  }
}
