package dev.countersign.report.aws.internal;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CloudTrail's key layout: {@code
 * AWSLogs/[o-org/]<account>/<CloudTrail|CloudTrail-Digest>/<region>/ YYYY/MM/DD/<file>}, with the
 * delivery time in each file name.
 */
public final class TrailLayout {
  public static final String LOGS = "CloudTrail";
  public static final String DIGESTS = "CloudTrail-Digest";

  private static final Pattern ORGANIZATION = Pattern.compile("o-[a-z0-9]{10,32}");
  private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");
  private static final Pattern LOG_FILE =
      Pattern.compile(
          "([0-9]{12})_CloudTrail_([a-z0-9-]+)_([0-9]{8}T[0-9]{4}Z)_[A-Za-z0-9]+\\.json\\.gz");
  private static final Pattern DIGEST_FILE =
      Pattern.compile(
          "([0-9]{12})_CloudTrail-Digest_([a-z0-9-]+)_(.+)_([0-9]{8}T[0-9]{6}Z)(_backfill)?\\.json\\.gz");
  private static final DateTimeFormatter LOG_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'");
  private static final DateTimeFormatter DIGEST_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd/");

  private TrailLayout() {}

  /** A folder holding one account's files of one kind for one region. */
  public record RegionFolder(String account, String region, String folder) {}

  /** A digest file's place in its chain. */
  public record DigestName(String chain, Instant endTime, boolean backfill) {}

  /** Every {@code <account>/<kind>/<region>/} folder under the store's prefix. */
  public static List<RegionFolder> regionFolders(TrailStore store, String kind) throws IOException {
    List<RegionFolder> out = new ArrayList<>();
    String awsLogs = store.prefix() + "AWSLogs/";
    for (String child : store.children(awsLogs)) {
      if (ORGANIZATION.matcher(child).matches()) {
        for (String account : store.children(awsLogs + child + "/")) {
          addRegions(store, kind, awsLogs + child + "/" + account + "/", account, out);
        }
      } else if (ACCOUNT.matcher(child).matches()) {
        addRegions(store, kind, awsLogs + child + "/", child, out);
      }
    }
    return out;
  }

  private static void addRegions(
      TrailStore store, String kind, String accountFolder, String account, List<RegionFolder> out)
      throws IOException {
    if (!ACCOUNT.matcher(account).matches()) {
      return;
    }
    String kindFolder = accountFolder + kind + "/";
    for (String region : store.children(kindFolder)) {
      out.add(new RegionFolder(account, region, kindFolder + region + "/"));
    }
  }

  /** The day folders of a region folder from {@code from} to {@code to}, both inclusive (UTC). */
  public static List<String> dayFolders(RegionFolder region, Instant from, Instant to) {
    List<String> out = new ArrayList<>();
    LocalDate last = to.atZone(ZoneOffset.UTC).toLocalDate();
    for (LocalDate d = from.atZone(ZoneOffset.UTC).toLocalDate();
        !d.isAfter(last);
        d = d.plusDays(1)) {
      out.add(region.folder() + DAY.format(d));
    }
    return out;
  }

  /** The delivery time in a log file's name, or empty when the key is not a log file. */
  public static Optional<Instant> logFileTime(String key) {
    Matcher m = LOG_FILE.matcher(fileName(key));
    if (!m.matches()) {
      return Optional.empty();
    }
    return parse(m.group(3), LOG_TIME);
  }

  public static Optional<DigestName> digestName(String key) {
    String name = fileName(key);
    Matcher m = DIGEST_FILE.matcher(name);
    if (!m.matches()) {
      return Optional.empty();
    }
    String folder = key.substring(0, key.length() - name.length());
    String[] dayParts = folder.split("/");
    // chain: the account/region folder (without the day) plus the trail part of the file name
    String regionFolder =
        dayParts.length > 3
            ? String.join("/", java.util.Arrays.copyOf(dayParts, dayParts.length - 3))
            : folder;
    String chain = regionFolder + "|" + m.group(1) + "_" + m.group(2) + "_" + m.group(3);
    return parse(m.group(4), DIGEST_TIME).map(t -> new DigestName(chain, t, m.group(5) != null));
  }

  private static Optional<Instant> parse(String s, DateTimeFormatter f) {
    try {
      return Optional.of(LocalDateTime.parse(s, f).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static String fileName(String key) {
    return key.substring(key.lastIndexOf('/') + 1);
  }
}
