package dev.countersign.testkit.tuf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Writes a TUF 1.0 repository to a directory, the way a mirror of tuf-repo-cdn.sigstore.dev looks:
 * {@code N.root.json} for every root version (plus {@code root.json}), {@code timestamp.json},
 * snapshot and targets metadata ({@code V.snapshot.json} / {@code V.targets.json} with consistent
 * snapshots, else unversioned), and target files ({@code targets/HASH.name} for every listed hash,
 * or {@code targets/name}).
 *
 * <p>Defaults: one ECDSA P-256 key per role with threshold 1, consistent snapshots, metadata in
 * {@code metadata/}, expiry 365 days (root), 90 (targets), 7 (snapshot) and 1 (timestamp) after the
 * {@code now} given to {@link #create}. Metadata is pretty-printed with keys in insertion order, so
 * a verifier must canonicalise before checking signatures.
 *
 * <p>Tests break things with {@link #editSigned} (change the signed object before it is signed),
 * {@link #signWith} (choose the signers), or by overwriting files after {@link #publish}.
 */
public final class TufRepositoryWriter {
  public static final String ROOT = "root";
  public static final String TIMESTAMP = "timestamp";
  public static final String SNAPSHOT = "snapshot";
  public static final String TARGETS = "targets";
  private static final List<String> ROLES = List.of(ROOT, TIMESTAMP, SNAPSHOT, TARGETS);
  private static final String SPEC_VERSION = "1.0.31";

  private final ObjectMapper mapper = new ObjectMapper();
  private final Path repository;
  private final Instant now;
  private final Map<String, TufRoleKeys> roleKeys = new LinkedHashMap<>();
  private final Map<String, Instant> expires = new HashMap<>();
  private final Map<String, Long> versions = new HashMap<>();
  private final Map<String, byte[]> targets = new LinkedHashMap<>();
  private final Map<String, Consumer<ObjectNode>> pendingEdits = new HashMap<>();
  private final Map<String, List<TufSigningKey>> pendingSigners = new HashMap<>();
  private boolean consistentSnapshot = true;
  private boolean metadataSubdirectory = true;
  private boolean metaLengthAndHashes = true;
  private ObjectNode delegations;
  private TufRoleKeys publishedRootKeys;

  private TufRepositoryWriter(Path repository, Instant now) {
    this.repository = repository;
    this.now = now.truncatedTo(ChronoUnit.SECONDS);
    for (String role : ROLES) {
      roleKeys.put(role, TufRoleKeys.single(TufKeyType.ECDSA_P256));
      versions.put(role, 0L);
    }
    expires.put(ROOT, this.now.plus(Duration.ofDays(365)));
    expires.put(TARGETS, this.now.plus(Duration.ofDays(90)));
    expires.put(SNAPSHOT, this.now.plus(Duration.ofDays(7)));
    expires.put(TIMESTAMP, this.now.plus(Duration.ofDays(1)));
  }

  /** A writer for {@code repository}, with default expiries counted from {@code now}. */
  public static TufRepositoryWriter create(Path repository, Instant now) {
    return new TufRepositoryWriter(repository, now);
  }

  /** Whether the root declares consistent snapshots (takes effect from the next root written). */
  public TufRepositoryWriter consistentSnapshot(boolean value) {
    this.consistentSnapshot = value;
    return this;
  }

  /** Whether metadata goes to {@code metadata/} (default) or directly into the repository. */
  public TufRepositoryWriter metadataSubdirectory(boolean value) {
    this.metadataSubdirectory = value;
    return this;
  }

  /** Whether timestamp and snapshot list length and hashes of the file they point at. */
  public TufRepositoryWriter metaLengthAndHashes(boolean value) {
    this.metaLengthAndHashes = value;
    return this;
  }

  /** The keys of a role in roots written from now on. */
  public TufRepositoryWriter roleKeys(String role, TufRoleKeys keys) {
    requireRole(role);
    roleKeys.put(role, keys);
    return this;
  }

  public TufRoleKeys roleKeys(String role) {
    requireRole(role);
    return roleKeys.get(role);
  }

  /** Expiry of the role's metadata written from now on. */
  public TufRepositoryWriter expires(String role, Instant when) {
    requireRole(role);
    expires.put(role, when);
    return this;
  }

  /** Adds or replaces a target listed in (and written with) the next targets metadata. */
  public TufRepositoryWriter target(String name, byte[] content) {
    targets.put(name, content.clone());
    return this;
  }

  /** A {@code delegations} object for targets metadata written from now on. */
  public TufRepositoryWriter delegations(ObjectNode value) {
    this.delegations = value == null ? null : value.deepCopy();
    return this;
  }

  /** Changes the next {@code role} metadata's signed object just before it is signed. */
  public TufRepositoryWriter editSigned(String role, Consumer<ObjectNode> edit) {
    requireRole(role);
    pendingEdits.put(role, edit);
    return this;
  }

  /** Signs the next {@code role} metadata with exactly these keys instead of the defaults. */
  public TufRepositoryWriter signWith(String role, TufSigningKey... keys) {
    requireRole(role);
    pendingSigners.put(role, List.of(keys));
    return this;
  }

  /**
   * Writes the next root version. By default it is signed by every root key of the previous root
   * and every root key of the new one, which satisfies any threshold.
   */
  public Path writeRoot() {
    long version = versions.merge(ROOT, 1L, Long::sum);
    ObjectNode signed = mapper.createObjectNode();
    signed.put("version", version);
    signed.put("_type", ROOT);
    signed.put("spec_version", SPEC_VERSION);
    signed.put("expires", expires.get(ROOT).toString());
    signed.put("consistent_snapshot", consistentSnapshot);
    ObjectNode keys = signed.putObject("keys");
    ObjectNode roles = signed.putObject("roles");
    for (String role : ROLES) {
      TufRoleKeys rk = roleKeys.get(role);
      ArrayNode ids = mapper.createArrayNode();
      for (TufSigningKey key : rk.keys()) {
        keys.set(key.keyId(), key.publicKeyJson());
        ids.add(key.keyId());
      }
      ObjectNode roleNode = roles.putObject(role);
      roleNode.set("keyids", ids);
      roleNode.put("threshold", rk.threshold());
    }
    List<TufSigningKey> defaultSigners = new ArrayList<>(roleKeys.get(ROOT).keys());
    if (publishedRootKeys != null) {
      defaultSigners.addAll(0, publishedRootKeys.keys());
    }
    byte[] document = sign(ROOT, signed, defaultSigners);
    Path file = metadataDirectory().resolve(version + ".root.json");
    write(file, document);
    write(metadataDirectory().resolve("root.json"), document);
    publishedRootKeys = roleKeys.get(ROOT);
    return file;
  }

  /**
   * Writes new targets, snapshot and timestamp metadata and the target files (and the first root if
   * none was written yet).
   */
  public TufRepositoryWriter publish() {
    if (versions.get(ROOT) == 0) {
      writeRoot();
    }
    byte[] targetsDoc = writeTargets();
    byte[] snapshotDoc = writeSnapshot(targetsDoc);
    writeTimestamp(snapshotDoc);
    return this;
  }

  public Path repository() {
    return repository;
  }

  public Path metadataDirectory() {
    return metadataSubdirectory ? repository.resolve("metadata") : repository;
  }

  public Path targetsDirectory() {
    return repository.resolve("targets");
  }

  /** The file of root version {@code version}, e.g. to hand to a client as its trusted root. */
  public Path rootFile(long version) {
    return metadataDirectory().resolve(version + ".root.json");
  }

  /** The file the latest {@code role} metadata was written to. */
  public Path metadataFile(String role) {
    requireRole(role);
    if (role.equals(ROOT)) {
      return rootFile(versions.get(ROOT));
    }
    if (role.equals(TIMESTAMP) || !consistentSnapshot) {
      return metadataDirectory().resolve(role + ".json");
    }
    return metadataDirectory().resolve(versions.get(role) + "." + role + ".json");
  }

  /** The files a target was written to: one per hash with consistent snapshots, else one. */
  public List<Path> targetFiles(String name) {
    byte[] content = targets.get(name);
    if (content == null) {
      throw new IllegalArgumentException("no target " + name);
    }
    if (!consistentSnapshot) {
      return List.of(targetsDirectory().resolve(name));
    }
    int slash = name.lastIndexOf('/');
    String dir = name.substring(0, slash + 1);
    String base = name.substring(slash + 1);
    return List.of(
        targetsDirectory().resolve(dir + TufDigests.sha256Hex(content) + "." + base),
        targetsDirectory().resolve(dir + TufDigests.sha512Hex(content) + "." + base));
  }

  /** The latest version written for {@code role}, 0 if none. */
  public long version(String role) {
    requireRole(role);
    return versions.get(role);
  }

  private byte[] writeTargets() {
    long version = versions.merge(TARGETS, 1L, Long::sum);
    ObjectNode signed = header(TARGETS, version);
    ObjectNode list = signed.putObject("targets");
    for (Map.Entry<String, byte[]> t : targets.entrySet()) {
      ObjectNode entry = list.putObject(t.getKey());
      entry.put("length", t.getValue().length);
      entry.set("hashes", TufDigests.hashes(t.getValue()));
      for (Path file : targetFiles(t.getKey())) {
        write(file, t.getValue());
      }
    }
    if (delegations != null) {
      signed.set("delegations", delegations.deepCopy());
    }
    byte[] document = sign(TARGETS, signed, roleKeys.get(TARGETS).keys());
    write(metadataFile(TARGETS), document);
    return document;
  }

  private byte[] writeSnapshot(byte[] targetsDoc) {
    long version = versions.merge(SNAPSHOT, 1L, Long::sum);
    ObjectNode signed = header(SNAPSHOT, version);
    signed.putObject("meta").set("targets.json", metaFile(versions.get(TARGETS), targetsDoc));
    byte[] document = sign(SNAPSHOT, signed, roleKeys.get(SNAPSHOT).keys());
    write(metadataFile(SNAPSHOT), document);
    return document;
  }

  private void writeTimestamp(byte[] snapshotDoc) {
    long version = versions.merge(TIMESTAMP, 1L, Long::sum);
    ObjectNode signed = header(TIMESTAMP, version);
    signed.putObject("meta").set("snapshot.json", metaFile(versions.get(SNAPSHOT), snapshotDoc));
    write(metadataFile(TIMESTAMP), sign(TIMESTAMP, signed, roleKeys.get(TIMESTAMP).keys()));
  }

  private ObjectNode header(String role, long version) {
    ObjectNode signed = mapper.createObjectNode();
    signed.put("_type", role);
    signed.put("expires", expires.get(role).toString());
    signed.put("spec_version", SPEC_VERSION);
    signed.put("version", version);
    return signed;
  }

  private ObjectNode metaFile(long version, byte[] document) {
    ObjectNode entry = mapper.createObjectNode();
    entry.put("version", version);
    if (metaLengthAndHashes) {
      entry.put("length", document.length);
      entry.set("hashes", TufDigests.hashes(document));
    }
    return entry;
  }

  /** Applies a pending edit, signs with pending or default signers, returns the file bytes. */
  private byte[] sign(String role, ObjectNode signed, List<TufSigningKey> defaultSigners) {
    Consumer<ObjectNode> edit = pendingEdits.remove(role);
    if (edit != null) {
      edit.accept(signed);
    }
    List<TufSigningKey> signers = pendingSigners.remove(role);
    return TufEnvelope.sign(signed, signers != null ? signers : distinct(defaultSigners));
  }

  private static List<TufSigningKey> distinct(List<TufSigningKey> keys) {
    Map<String, TufSigningKey> byId = new LinkedHashMap<>();
    keys.forEach(k -> byId.putIfAbsent(k.keyId(), k));
    return new ArrayList<>(byId.values());
  }

  private static void write(Path file, byte[] content) {
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void requireRole(String role) {
    if (!ROLES.contains(role)) {
      throw new IllegalArgumentException("not a top-level TUF role: " + role);
    }
  }
}
