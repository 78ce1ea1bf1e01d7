package dev.countersign.report.packet.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.report.aws.Progress;
import dev.countersign.verify.Verifier;
import dev.countersign.verify.oci.ImageReference;
import dev.countersign.verify.oci.StoredEvidence;
import dev.countersign.verify.policy.PolicyDecision;
import dev.countersign.verify.policy.PolicyDecisionJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Evaluates every image digest with the verifier, a bounded number at a time, and writes each
 * decision and the raw evidence it was made on. Raw evidence is stored once per content ({@code
 * evidence/images/blobs/sha256/<hex>.<ext>}); each image's {@code evidence.json} lists the pieces
 * it was given, where they were found and which blob holds them.
 */
public final class ImageStage {
  public static final String DIR = "evidence/images";
  public static final String DECISIONS = DIR + "/decisions.jsonl";
  public static final String EVIDENCE_INDEX = DIR + "/evidence-index.jsonl";
  public static final String BLOBS = DIR + "/blobs/sha256";
  private static final String CERTIFICATE = "dev.sigstore.cosign/certificate";
  private static final String CHAIN = "dev.sigstore.cosign/chain";

  private final Verifier verifier;
  private final RecordingEvidenceSource recorder;
  private final DecisionFacts decisionFacts;
  private final PacketFiles files;
  private final int parallelism;
  private final Progress progress;

  public ImageStage(
      Verifier verifier,
      RecordingEvidenceSource recorder,
      DecisionFacts decisionFacts,
      PacketFiles files,
      int parallelism,
      Progress progress) {
    this.verifier = verifier;
    this.recorder = recorder;
    this.decisionFacts = decisionFacts;
    this.files = files;
    this.parallelism = parallelism;
    this.progress = progress;
  }

  /**
   * Evaluates each reference once, several at a time, and writes the results in the order given, so
   * that the same inventory gives the same {@code decisions.jsonl} and evidence index however the
   * verifications interleave. Returns the facts by reference, in the order given.
   */
  public Map<String, ImageFacts> run(List<String> references) throws IOException {
    Map<String, ImageFacts> out = new ConcurrentHashMap<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicLong done = new AtomicLong();
    long total = references.size();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            parallelism,
            r -> {
              Thread t = new Thread(r, "packet-verify");
              t.setDaemon(true);
              return t;
            });
    // Bounds the images verified but not yet written: a slow image holds back only this many.
    Semaphore window = new Semaphore(parallelism * 4);
    try (JsonLinesFile decisions = JsonLinesFile.create(files, DECISIONS);
        JsonLinesFile index = JsonLinesFile.create(files, EVIDENCE_INDEX)) {
      InputOrder<Optional<Evaluated>> writer =
          new InputOrder<>(
              evaluated -> {
                try {
                  if (evaluated.isPresent() && failure.get() == null) {
                    Evaluated e = evaluated.get();
                    out.put(e.reference(), write(e, decisions, index));
                  }
                } catch (Throwable t) {
                  failure.compareAndSet(null, t);
                } finally {
                  window.release();
                }
              });
      progress.update("verifying images", 0, total);
      long next = 0;
      for (String reference : references) {
        if (failure.get() != null) {
          break;
        }
        window.acquire();
        long position = next++;
        pool.execute(
            () -> {
              Evaluated e = null;
              try {
                e = evaluate(reference);
              } catch (Throwable t) {
                failure.compareAndSet(null, t);
              } finally {
                progress.update("verifying images", done.incrementAndGet(), total);
                writer.complete(position, Optional.ofNullable(e));
              }
            });
      }
      pool.shutdown();
      while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
        // waiting for the last images
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while verifying images", e);
    } finally {
      pool.shutdownNow();
    }
    Throwable t = failure.get();
    if (t instanceof IOException) {
      throw (IOException) t;
    }
    if (t instanceof UncheckedIOException) {
      throw ((UncheckedIOException) t).getCause();
    }
    if (t instanceof RuntimeException) {
      throw (RuntimeException) t;
    }
    if (t instanceof Error) {
      throw (Error) t;
    }
    Map<String, ImageFacts> ordered = new LinkedHashMap<>();
    for (String r : references) {
      ordered.put(r, out.get(r));
    }
    return ordered;
  }

  /** The folder of one image: {@code evidence/images/<registry>/<repository>/sha256-<hex>}. */
  public static String folderOf(String reference) {
    ImageReference r = ImageReference.parse(reference);
    return DIR
        + "/"
        + Names.path(r.registry() + "/" + r.repository())
        + "/"
        + Names.digest(r.digest().map(Object::toString).orElse("unpinned"));
  }

  /** An image's decision and the evidence it was given, not yet written. */
  private record Evaluated(
      String reference, PolicyDecision decision, List<RecordingEvidenceSource.Found> found) {}

  private Evaluated evaluate(String reference) {
    ImageReference ref = ImageReference.parse(reference);
    // The recorder adds only what this thread looks up, so the list needs no synchronisation.
    List<RecordingEvidenceSource.Found> found = new ArrayList<>();
    PolicyDecision d = recorder.recording(found, () -> verifier.evaluate(ref));
    return new Evaluated(reference, d, List.copyOf(found));
  }

  private ImageFacts write(Evaluated evaluated, JsonLinesFile decisions, JsonLinesFile index)
      throws IOException {
    String reference = evaluated.reference();
    PolicyDecision d = evaluated.decision();
    List<RecordingEvidenceSource.Found> copy = evaluated.found();
    String folder = folderOf(reference);
    // One copy of each decision, in decisions.jsonl; the image's folder points to its line.
    long line = decisions.writeLine(PolicyDecisionJson.toJson(d));
    String decisionFile = DECISIONS + " line " + line;

    ObjectNode evidence = PacketJson.object();
    evidence.put("image", reference);
    evidence.put("digest", d.digest());
    evidence.put("decision", d.decision().name());
    evidence.put("decisionFile", DECISIONS);
    evidence.put("decisionLine", line);
    var items = evidence.putArray("items");
    for (RecordingEvidenceSource.Found f : copy) {
      ObjectNode item = item(f);
      items.add(item);
      // The index names each piece and its blob; the annotations stay in the image's evidence.json.
      ObjectNode entry = item.deepCopy();
      entry.remove("annotations");
      entry.put("image", reference);
      entry.put("evidenceFile", folder + "/evidence.json");
      index.write(entry);
    }
    files.write(folder + "/evidence.json", PacketJson.pretty(evidence));
    return decisionFacts.facts(d, decisionFile, copy.size());
  }

  private ObjectNode item(RecordingEvidenceSource.Found f) throws IOException {
    StoredEvidence e = f.evidence();
    ObjectNode item = PacketJson.object();
    item.put("kind", e.kind().name());
    item.put("where", f.where().name());
    item.put("location", e.location());
    item.put("lookedUp", f.lookedUp());
    byte[] content = e.content();
    String ext =
        switch (e.kind()) {
          case COSIGN_SIGNATURE -> ".simplesigning.json";
          case COSIGN_ATTESTATION -> ".dsse.json";
          case SIGSTORE_BUNDLE -> ".sigstore.json";
        };
    item.set("content", blob(content, ext, "application/json"));
    String predicateType = e.predicateType().orElse("");
    if (e.kind() == StoredEvidence.Kind.COSIGN_ATTESTATION) {
      byte[] statement = dssePayload(content);
      if (statement != null) {
        item.set("statement", blob(statement, ".intoto.json", "application/vnd.in-toto+json"));
        JsonNode s = parse(statement);
        if (s != null && s.path("predicateType").isTextual()) {
          predicateType = s.get("predicateType").asText();
        }
      }
    }
    item.put("predicateType", predicateType);
    item.put(
        "role",
        e.kind() == StoredEvidence.Kind.COSIGN_SIGNATURE
            ? "signature"
            : predicateType.isEmpty() ? "attestation" : DecisionFacts.kindOf(predicateType));
    Map<String, String> annotations = new TreeMap<>(e.annotations());
    String cert = annotations.remove(CERTIFICATE);
    if (cert != null && !cert.isBlank()) {
      item.set(
          "certificate",
          blob(cert.getBytes(StandardCharsets.UTF_8), ".pem", "application/x-pem-file"));
    }
    String chain = annotations.remove(CHAIN);
    if (chain != null && !chain.isBlank()) {
      item.set(
          "chain", blob(chain.getBytes(StandardCharsets.UTF_8), ".pem", "application/x-pem-file"));
    }
    ObjectNode a = item.putObject("annotations");
    annotations.forEach(a::put);
    return item;
  }

  private ObjectNode blob(byte[] content, String ext, String mediaType) throws IOException {
    String sha = Hashes.of(content);
    String path = BLOBS + "/" + sha + ext;
    files.writeIfAbsent(path, content);
    ObjectNode n = PacketJson.object();
    n.put("path", path);
    n.put("sha256", sha);
    n.put("size", content.length);
    n.put("mediaType", mediaType);
    return n;
  }

  private static byte[] dssePayload(byte[] envelope) {
    JsonNode n = parse(envelope);
    if (n == null || !n.path("payload").isTextual()) {
      return null;
    }
    try {
      return Base64.getDecoder().decode(n.get("payload").asText());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static JsonNode parse(byte[] json) {
    try {
      return PacketJson.MAPPER.readTree(json);
    } catch (IOException e) {
      return null;
    }
  }
}
