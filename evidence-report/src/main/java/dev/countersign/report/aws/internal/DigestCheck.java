package dev.countersign.report.aws.internal;

import dev.countersign.report.aws.DigestPublicKeys;
import dev.countersign.report.aws.IntegrityProblem;
import dev.countersign.report.aws.IntegrityProblem.Kind;
import dev.countersign.report.aws.IntegrityReport;
import dev.countersign.report.aws.Progress;
import dev.countersign.report.aws.TimeWindow;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.NoSuchFileException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * CloudTrail log file integrity validation over a window, as CloudTrail's guide describes it:
 * digests are walked newest to oldest per trail and region, each signature verified, each link to
 * the predecessor compared, and then every log file checked against the hash a valid digest lists
 * for it, or reported as listed by none.
 */
public final class DigestCheck {
  private final TrailStore store;
  private final DigestPublicKeys keys;
  private final TimeWindow window;
  private final Duration lag;
  private final Progress progress;
  private final List<IntegrityProblem> problems = new ArrayList<>();

  /** Log file key to what the digest that lists it says. */
  private final Map<String, Listed> listed = new LinkedHashMap<>();

  /** account|region to the end of the newest valid digest. */
  private final Map<String, Instant> newestDigestEnd = new HashMap<>();

  private long digestFiles;
  private long digestsValid;
  private long logFilesValid;

  private record Listed(String hash, String digestKey) {}

  private record Link(Optional<String> signature, Optional<String> hash, String successorKey) {}

  private record Candidate(String key, TrailLayout.DigestName name) {}

  public DigestCheck(
      TrailStore store, DigestPublicKeys keys, TimeWindow window, Duration lag, Progress progress) {
    this.store = store;
    this.keys = keys;
    this.window = window;
    this.lag = lag;
    this.progress = progress;
  }

  public IntegrityReport run() {
    long logFilesInWindow = 0;
    try {
      Map<String, List<Candidate>> chains = digests();
      if (digestFiles == 0) {
        problems.add(
            new IntegrityProblem(
                Kind.NO_DIGEST_FILES,
                store.describe(),
                "no CloudTrail digest files for "
                    + window
                    + " under "
                    + store.describe()
                    + ": log file validation is off, or the files are elsewhere"));
      }
      long done = 0;
      for (List<Candidate> chain : chains.values()) {
        done = walk(chain, done);
      }
      List<String> inWindow = TrailFilesProducer.logFiles(store, window, lag);
      logFilesInWindow = inWindow.size();
      checkLogFiles(inWindow);
    } catch (TrailStoreException e) {
      problems.add(new IntegrityProblem(Kind.STORE_UNREADABLE, store.describe(), e.getMessage()));
    } catch (IOException e) {
      problems.add(
          new IntegrityProblem(
              Kind.STORE_UNREADABLE, store.describe(), "cannot read the trail: " + e.getMessage()));
    }
    return new IntegrityReport(
        window,
        store.describe(),
        digestFiles,
        digestsValid,
        listed.size(),
        logFilesValid,
        logFilesInWindow,
        problems);
  }

  /** Digest files whose end time lies in [window start, window end + lag + 1 h], by chain. */
  private Map<String, List<Candidate>> digests() throws IOException {
    Instant last = window.end().plus(lag).plus(Duration.ofHours(1));
    Map<String, List<Candidate>> chains = new TreeMap<>();
    for (TrailLayout.RegionFolder region : TrailLayout.regionFolders(store, TrailLayout.DIGESTS)) {
      for (String day : TrailLayout.dayFolders(region, window.start(), last)) {
        for (String key : store.files(day)) {
          Optional<TrailLayout.DigestName> name = TrailLayout.digestName(key);
          if (name.isPresent()
              && !name.get().endTime().isBefore(window.start())
              && !name.get().endTime().isAfter(last)) {
            chains
                .computeIfAbsent(name.get().chain(), c -> new ArrayList<>())
                .add(new Candidate(key, name.get()));
            digestFiles++;
          }
        }
      }
    }
    for (List<Candidate> chain : chains.values()) {
      chain.sort(
          (a, b) -> {
            int c = a.name().endTime().compareTo(b.name().endTime());
            return c != 0 ? c : a.key().compareTo(b.key());
          });
    }
    return chains;
  }

  /** Newest to oldest, so that each digest's successor has vouched for it before it is checked. */
  private long walk(List<Candidate> chain, long done) throws IOException {
    Set<String> inRange = new HashSet<>();
    chain.forEach(c -> inRange.add(c.key()));
    Instant oldest =
        chain.stream()
            .filter(c -> !c.name().backfill())
            .map(c -> c.name().endTime())
            .min(Instant::compareTo)
            .orElse(null);
    Map<String, Link> links = new HashMap<>();
    for (int i = chain.size() - 1; i >= 0; i--) {
      Candidate c = chain.get(i);
      progress.update("cloudtrail digest files", ++done, digestFiles);
      Link link = links.remove(c.key());
      String uri = store.uri(c.key());
      DigestFile d;
      try {
        d = DigestFile.parse(inflate(c.key()));
      } catch (NoSuchFileException e) {
        problems.add(new IntegrityProblem(Kind.DIGEST_MISSING, uri, "digest file disappeared"));
        continue;
      } catch (ZipException | com.fasterxml.jackson.core.JacksonException e) {
        problems.add(
            new IntegrityProblem(
                Kind.DIGEST_UNREADABLE, uri, "digest file is not gzip JSON: " + e.getMessage()));
        continue;
      } catch (TrailStoreException e) {
        throw e;
      } catch (IOException e) {
        problems.add(
            new IntegrityProblem(Kind.DIGEST_UNREADABLE, uri, "digest file " + e.getMessage()));
        continue;
      }
      if (!verified(c, d, link, uri)) {
        continue;
      }
      digestsValid++;
      String[] ids = accountRegion(c.key());
      newestDigestEnd.merge(
          ids[0] + "|" + ids[1], c.name().endTime(), (a, b) -> a.isAfter(b) ? a : b);
      for (DigestFile.LogFile log : d.logFiles()) {
        Optional<String> key = store.keyOf(log.s3Bucket(), log.s3Object());
        if (key.isEmpty()) {
          problems.add(
              new IntegrityProblem(
                  Kind.LOG_FILE_MISSING,
                  "s3://" + log.s3Bucket() + "/" + log.s3Object(),
                  "listed by " + uri + " but not in " + store.describe()));
        } else {
          listed.put(key.get(), new Listed(log.hashValue(), uri));
        }
      }
      if (c.name().backfill()) {
        // Backfill digests list late log files; they are not links of the hourly chain.
        continue;
      }
      if (d.previousObject().isEmpty()) {
        if (oldest != null && c.name().endTime().isAfter(oldest)) {
          problems.add(
              new IntegrityProblem(
                  Kind.CHAIN_GAP,
                  uri,
                  "starts a new digest chain although earlier digests exist: validation or logging"
                      + " was off before "
                      + d.startTime()));
        }
        continue;
      }
      Optional<String> previousKey =
          store.keyOf(d.previousBucket().orElse(""), d.previousObject().get());
      if (previousKey.isEmpty()) {
        problems.add(
            new IntegrityProblem(
                Kind.DIGEST_MISSING,
                "s3://" + d.previousBucket().orElse("") + "/" + d.previousObject().get(),
                "the predecessor named by " + uri + " is not in " + store.describe()));
        continue;
      }
      if (inRange.contains(previousKey.get())) {
        links.put(previousKey.get(), new Link(d.previousSignature(), d.previousHash(), uri));
      } else {
        // A predecessor older than the window is where the window's chain begins; one inside it
        // must exist.
        boolean insideWindow =
            TrailLayout.digestName(previousKey.get())
                .map(n -> !n.endTime().isBefore(window.start()))
                .orElse(true);
        if (insideWindow && !store.exists(previousKey.get())) {
          problems.add(
              new IntegrityProblem(
                  Kind.DIGEST_MISSING,
                  store.uri(previousKey.get()),
                  "named as predecessor by " + uri + " but does not exist: it was deleted"));
        }
      }
    }
    return done;
  }

  /**
   * The signature comes from the file's S3 metadata, or from the successor's link when the metadata
   * is not available (a local copy); the successor's signature covers that link, so a vouched
   * signature is as trustworthy as the metadata once the successor verified.
   */
  private boolean verified(Candidate c, DigestFile d, Link link, String uri) throws IOException {
    Optional<String> expectedKey = store.keyOf(d.bucket(), d.object());
    boolean bucketMatches = store.bucket().isEmpty() || store.bucket().equals(d.bucket());
    if (expectedKey.isEmpty() || !expectedKey.get().equals(c.key()) || !bucketMatches) {
      problems.add(
          new IntegrityProblem(
              Kind.DIGEST_MOVED,
              uri,
              "names s3://" + d.bucket() + "/" + d.object() + " as its location"));
      return false;
    }
    if (!DigestFile.ALGORITHM.equals(d.algorithm())) {
      problems.add(
          new IntegrityProblem(
              Kind.DIGEST_UNREADABLE, uri, "unsupported signature algorithm " + d.algorithm()));
      return false;
    }
    Optional<DigestPublicKeys.Key> key = keys.find(d.fingerprint());
    if (key.isEmpty()) {
      problems.add(
          new IntegrityProblem(
              Kind.PUBLIC_KEY_UNKNOWN,
              uri,
              "no public key with fingerprint " + d.fingerprint() + " was supplied"));
      return false;
    }
    Optional<String> metadata = store.signature(c.key());
    Optional<String> vouched = link == null ? Optional.empty() : link.signature();
    boolean hashMatchesLink =
        link == null || link.hash().map(h -> h.equalsIgnoreCase(d.sha256())).orElse(false);
    if (metadata.isPresent()) {
      if (!d.verify(metadata.get(), key.get().publicKey())) {
        problems.add(
            new IntegrityProblem(
                Kind.DIGEST_SIGNATURE_INVALID,
                uri,
                "the signature does not verify: the digest file or its signature was changed"));
        return false;
      }
      if (link != null
          && (!hashMatchesLink
              || !vouched.map(v -> v.equalsIgnoreCase(metadata.get())).orElse(false))) {
        problems.add(
            new IntegrityProblem(
                Kind.CHAIN_BROKEN,
                uri,
                "the link from "
                    + link.successorKey()
                    + " (previous signature and hash) does not match this digest"));
      }
      return true;
    }
    if (vouched.isEmpty()) {
      problems.add(
          new IntegrityProblem(
              Kind.DIGEST_SIGNATURE_MISSING,
              uri,
              "no signature: neither object metadata nor a later digest provides one"
                  + (store.bucket().isEmpty()
                      ? " (put the S3 x-amz-meta-signature beside it as <file>"
                          + LocalTrailStore.SIGNATURE_SUFFIX
                          + ")"
                      : "")));
      return false;
    }
    if (d.verify(vouched.get(), key.get().publicKey())) {
      if (!hashMatchesLink) {
        problems.add(
            new IntegrityProblem(
                Kind.CHAIN_BROKEN,
                uri,
                "the previous hash in " + link.successorKey() + " does not match this digest"));
      }
      return true;
    }
    if (hashMatchesLink) {
      // The file is what the successor vouched for, so it is the vouched signature that is wrong.
      problems.add(
          new IntegrityProblem(
              Kind.CHAIN_BROKEN,
              uri,
              "the previous signature in " + link.successorKey() + " does not verify this digest"));
    } else {
      problems.add(
          new IntegrityProblem(
              Kind.DIGEST_SIGNATURE_INVALID,
              uri,
              "differs from what "
                  + link.successorKey()
                  + " vouched for: the digest file was changed"));
    }
    return false;
  }

  private void checkLogFiles(List<String> inWindow) throws IOException {
    long done = 0;
    for (Map.Entry<String, Listed> e : listed.entrySet()) {
      String uri = store.uri(e.getKey());
      progress.update("cloudtrail log file hashes", ++done, listed.size());
      String actual;
      try {
        actual = inflatedSha256(e.getKey());
      } catch (NoSuchFileException ex) {
        problems.add(
            new IntegrityProblem(
                Kind.LOG_FILE_MISSING,
                uri,
                "listed by " + e.getValue().digestKey() + " but does not exist: it was deleted"));
        continue;
      } catch (ZipException | java.io.EOFException ex) {
        problems.add(
            new IntegrityProblem(
                Kind.LOG_FILE_UNREADABLE, uri, "is not gzip-compressed: " + ex.getMessage()));
        continue;
      }
      if (actual.equalsIgnoreCase(e.getValue().hash())) {
        logFilesValid++;
      } else {
        problems.add(
            new IntegrityProblem(
                Kind.LOG_FILE_MODIFIED,
                uri,
                "SHA-256 "
                    + actual
                    + " differs from "
                    + e.getValue().hash()
                    + " listed by "
                    + e.getValue().digestKey()));
      }
    }
    for (String key : inWindow) {
      if (listed.containsKey(key)) {
        continue;
      }
      String[] ids = accountRegion(key);
      Instant newest = newestDigestEnd.get(ids[0] + "|" + ids[1]);
      Instant delivered = TrailLayout.logFileTime(key).orElse(Instant.MAX);
      if (newest != null && delivered.isAfter(newest)) {
        problems.add(
            new IntegrityProblem(
                Kind.LOG_FILE_NOT_YET_DIGESTED,
                store.uri(key),
                "delivered after the newest digest (" + newest + "): not yet verifiable"));
      } else {
        problems.add(
            new IntegrityProblem(
                Kind.LOG_FILE_NOT_IN_DIGEST,
                store.uri(key),
                "no valid digest lists this log file: it was added, or its digest is invalid"));
      }
    }
  }

  private byte[] inflate(String key) throws IOException {
    try (InputStream in = new GZIPInputStream(new BufferedInputStream(store.open(key)))) {
      return in.readNBytes(64 * 1024 * 1024);
    }
  }

  private String inflatedSha256(String key) throws IOException {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    try (InputStream in =
        new DigestInputStream(
            new GZIPInputStream(new BufferedInputStream(store.open(key), 1 << 16), 1 << 16), sha)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  /**
   * Account and region from a CloudTrail file name ({@code
   * <account>_CloudTrail[-Digest]_<region>_...}).
   */
  private static String[] accountRegion(String key) {
    String name = key.substring(key.lastIndexOf('/') + 1);
    String[] parts = name.split("_", 4);
    return parts.length >= 3 ? new String[] {parts[0], parts[2]} : new String[] {"", ""};
  }
}
