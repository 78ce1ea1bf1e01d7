package dev.countersign.report.aws.internal;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.report.aws.AwsReason;
import dev.countersign.report.aws.CollectionProblem;
import dev.countersign.report.aws.Progress;
import dev.countersign.report.aws.TimeWindow;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads the log files a trail delivered for the window: every region folder, the day folders from
 * the window's start to its end plus the delivery lag, and the files whose delivery time lies in
 * that span. Each file is streamed through gzip and a streaming JSON parser; only one record is in
 * memory at a time.
 */
public final class TrailFilesProducer implements EventProducer {
  private final TrailStore store;
  private final Duration deliveryLag;

  public TrailFilesProducer(TrailStore store, Duration deliveryLag) {
    this.store = store;
    this.deliveryLag = deliveryLag;
  }

  @Override
  public String name() {
    return store.describe();
  }

  /** The log files whose delivery time lies in [window start, window end + lag], sorted by key. */
  public static List<String> logFiles(TrailStore store, TimeWindow window, Duration lag)
      throws IOException {
    Instant last = window.end().plus(lag);
    List<String> keys = new ArrayList<>();
    for (TrailLayout.RegionFolder region : TrailLayout.regionFolders(store, TrailLayout.LOGS)) {
      for (String day : TrailLayout.dayFolders(region, window.start(), last)) {
        for (String key : store.files(day)) {
          Optional<Instant> delivered = TrailLayout.logFileTime(key);
          // A file is delivered after the events in it, so none before the window can hold one.
          if (delivered.isPresent()
              && !delivered
                  .get()
                  .isBefore(window.start().truncatedTo(java.time.temporal.ChronoUnit.MINUTES))
              && !delivered.get().isAfter(last)) {
            keys.add(key);
          }
        }
      }
    }
    return keys;
  }

  @Override
  public void produce(
      TimeWindow window,
      EventPipeline.Tally tally,
      List<CollectionProblem> problems,
      Progress progress)
      throws IOException {
    List<String> keys;
    try {
      keys = logFiles(store, window, deliveryLag);
    } catch (TrailStoreException e) {
      problems.add(new CollectionProblem(e.reason(), "list", store.describe(), e.getMessage()));
      return;
    }
    if (keys.isEmpty()) {
      problems.add(
          new CollectionProblem(
              AwsReason.NOT_FOUND,
              "list",
              store.describe(),
              "no CloudTrail log files were delivered for "
                  + window
                  + " under "
                  + store.describe()));
      return;
    }
    long done = 0;
    for (String key : keys) {
      readFile(key, tally, problems);
      progress.update("cloudtrail log files", ++done, keys.size());
    }
  }

  private void readFile(String key, EventPipeline.Tally tally, List<CollectionProblem> problems)
      throws IOException {
    String uri = store.uri(key);
    try (InputStream raw = store.open(key);
        InputStream gz = new GZIPInputStream(new BufferedInputStream(raw, 1 << 16), 1 << 16);
        JsonParser p = Json.MAPPER.createParser(gz)) {
      tally.unit();
      if (p.nextToken() != JsonToken.START_OBJECT) {
        problems.add(malformed(uri, "is not a JSON object"));
        return;
      }
      boolean sawRecords = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if ("Records".equals(field) && value == JsonToken.START_ARRAY) {
          sawRecords = true;
          JsonToken t;
          while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
              throw new JsonParseException(p, "file ends inside the Records array");
            }
            if (t == JsonToken.START_OBJECT) {
              JsonNode record = Json.MAPPER.readTree(p);
              tally.offer(record);
            } else {
              p.skipChildren();
              tally.malformedRecord();
            }
          }
        } else {
          p.skipChildren();
        }
      }
      if (!sawRecords) {
        problems.add(malformed(uri, "has no Records array"));
      }
    } catch (NoSuchFileException e) {
      problems.add(
          new CollectionProblem(AwsReason.NOT_FOUND, "read", uri, "log file disappeared: " + uri));
    } catch (TrailStoreException e) {
      problems.add(new CollectionProblem(e.reason(), "read", uri, e.getMessage()));
    } catch (ZipException e) {
      problems.add(malformed(uri, "is not gzip-compressed: " + e.getMessage()));
    } catch (JsonParseException | StreamConstraintsException e) {
      problems.add(malformed(uri, "is not valid JSON: " + e.getOriginalMessage()));
    } catch (java.io.EOFException e) {
      problems.add(malformed(uri, "is truncated"));
    }
  }

  private static CollectionProblem malformed(String uri, String what) {
    return new CollectionProblem(
        AwsReason.TRAIL_FILE_MALFORMED, "read", uri, "CloudTrail log file " + uri + " " + what);
  }
}
