package dev.countersign.report.cmmc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The CMMC Level 2 practices with their NIST SP 800-171A assessment objectives, the evidence kinds
 * of an audit packet with the objectives each supports, and the Rev. 3 supply chain requirements
 * shown for information only. Immutable; validated as a whole when loaded.
 *
 * <p>{@link #load()} reads the files that ship in the {@code policies} jar. {@link #load(Path)}
 * reads a directory for organisations that adapt the mapping: each of the three files is taken from
 * the directory when it is there and from the shipped set otherwise.
 *
 * <pre>{@code
 * CmmcCatalog cmmc = CmmcCatalog.load();
 * for (Mapping m : cmmc.objectivesFor("admission.decisions")) {
 *   System.out.println(m.objective().id() + " " + m.coverage().key());
 * }
 * }</pre>
 */
public final class CmmcCatalog {
  /** The catalog file: practices and objectives. */
  public static final String CATALOG_FILE = "catalog-nist-800-171r2.yaml";

  /** The evidence mapping file. */
  public static final String MAPPING_FILE = "evidence-mapping.yaml";

  /** The informative Rev. 3 supply chain file. */
  public static final String REV3_FILE = "rev3-supply-chain-informative.yaml";

  static final String CLASSPATH_DIR = "dev/countersign/policies/cmmc/";
  static final int MAX_FILE_BYTES = 1024 * 1024;

  private final String id;
  private final List<Family> families;
  private final List<Practice> practices;
  private final Map<String, Practice> practicesById;
  private final Map<String, Objective> objectivesById;
  private final Map<String, EvidenceKind> kinds;
  private final List<Mapping> mappings;
  private final List<Rev3Requirement> rev3;
  private final List<String> sources;
  private final String revision;

  CmmcCatalog(
      String id,
      List<Family> families,
      List<Practice> practices,
      Map<String, EvidenceKind> kinds,
      List<Mapping> mappings,
      List<Rev3Requirement> rev3,
      List<CatalogReader.Source> sources) {
    this.id = id;
    this.families = List.copyOf(families);
    this.practices = List.copyOf(practices);
    Map<String, Practice> byId = new LinkedHashMap<>();
    Map<String, Objective> objectives = new LinkedHashMap<>();
    for (Practice p : practices) {
      byId.put(p.id(), p);
      for (Objective o : p.objectives()) {
        objectives.put(o.id(), o);
      }
    }
    this.practicesById = Map.copyOf(byId);
    this.objectivesById = Map.copyOf(objectives);
    this.kinds = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(kinds));
    this.mappings = List.copyOf(mappings);
    this.rev3 = List.copyOf(rev3);
    this.sources = sources.stream().map(CatalogReader.Source::name).toList();
    this.revision = revision(sources);
  }

  /** Loads the catalog, mapping and Rev. 3 files shipped in the {@code policies} jar. */
  public static CmmcCatalog load() {
    List<CatalogProblem> problems = new ArrayList<>();
    CatalogReader.Source catalog = classpath(CATALOG_FILE, problems);
    CatalogReader.Source mapping = classpath(MAPPING_FILE, problems);
    CatalogReader.Source rev3 = classpath(REV3_FILE, problems);
    if (!problems.isEmpty()) {
      throw new CmmcCatalogException(problems);
    }
    return CatalogReader.read(catalog, mapping, rev3);
  }

  /**
   * Loads from {@code directory}: each of {@value #CATALOG_FILE}, {@value #MAPPING_FILE} and
   * {@value #REV3_FILE} found there replaces the shipped one. A directory holding none of them is
   * an error, not a silent fallback.
   */
  public static CmmcCatalog load(Path directory) {
    List<CatalogProblem> problems = new ArrayList<>();
    if (!Files.isDirectory(directory)) {
      throw new CmmcCatalogException(
          List.of(
              new CatalogProblem(
                  directory.toString(), "", CatalogReason.FILE_MISSING, "not a directory")));
    }
    int found = 0;
    List<CatalogReader.Source> sources = new ArrayList<>();
    for (String name : List.of(CATALOG_FILE, MAPPING_FILE, REV3_FILE)) {
      Path file = directory.resolve(name);
      if (Files.exists(file)) {
        found++;
        sources.add(file(file, problems));
      } else {
        sources.add(classpath(name, problems));
      }
    }
    if (found == 0) {
      problems.add(
          new CatalogProblem(
              directory.toString(),
              "",
              CatalogReason.FILE_MISSING,
              "the directory holds none of "
                  + String.join(", ", CATALOG_FILE, MAPPING_FILE, REV3_FILE)));
    }
    if (!problems.isEmpty()) {
      throw new CmmcCatalogException(problems);
    }
    return CatalogReader.read(sources.get(0), sources.get(1), sources.get(2));
  }

  /** The catalog id, e.g. {@code cmmc-l2-nist-sp-800-171r2}. */
  public String id() {
    return id;
  }

  /**
   * The SHA-256 over the three files read (hex), so that a packet can record exactly which catalog
   * and mapping it was built with.
   */
  public String revision() {
    return revision;
  }

  /** Where each file was read from: a path or a {@code classpath:} location. */
  public List<String> sources() {
    return sources;
  }

  /** The 14 families, in SP 800-171 order. */
  public List<Family> families() {
    return families;
  }

  /** All practices, in SP 800-171 order. */
  public List<Practice> practices() {
    return practices;
  }

  /** The practice with this CMMC id, e.g. {@code AC.L2-3.1.1}. */
  public Optional<Practice> practice(String practiceId) {
    return Optional.ofNullable(practicesById.get(practiceId));
  }

  /** The objective with this CMMC id, e.g. {@code AC.L2-3.1.1[a]}. */
  public Optional<Objective> objective(String objectiveId) {
    return Optional.ofNullable(objectivesById.get(objectiveId));
  }

  /**
   * The practices of one family, e.g. {@code CM}.
   *
   * @throws IllegalArgumentException if the catalog has no such family
   */
  public List<Practice> practicesByFamily(String familyId) {
    if (families.stream().noneMatch(f -> f.id().equals(familyId))) {
      throw new IllegalArgumentException("no CMMC family " + familyId);
    }
    return practices.stream().filter(p -> p.family().equals(familyId)).toList();
  }

  /** The evidence kinds, in mapping order. */
  public List<EvidenceKind> evidenceKinds() {
    return List.copyOf(kinds.values());
  }

  /** The evidence kind with this key, e.g. {@code admission.decisions}. */
  public Optional<EvidenceKind> evidenceKind(String key) {
    return Optional.ofNullable(kinds.get(key));
  }

  /** Every mapping, grouped by evidence kind in mapping order. */
  public List<Mapping> mappings() {
    return mappings;
  }

  /**
   * The objectives one kind of evidence supports, with coverage and rationale.
   *
   * @throws IllegalArgumentException if the mapping has no such evidence kind: an unknown key is a
   *     mistake, not an empty answer
   */
  public List<Mapping> objectivesFor(String evidenceKey) {
    if (!kinds.containsKey(evidenceKey)) {
      throw new IllegalArgumentException("no evidence kind " + evidenceKey);
    }
    return mappings.stream().filter(m -> m.evidenceKind().key().equals(evidenceKey)).toList();
  }

  /**
   * The evidence that supports any objective of one practice, in objective order.
   *
   * @throws IllegalArgumentException if the catalog has no such practice
   */
  public List<Mapping> evidenceFor(String practiceId) {
    Practice p = practicesById.get(practiceId);
    if (p == null) {
      throw new IllegalArgumentException("no CMMC practice " + practiceId);
    }
    List<Mapping> out = new ArrayList<>();
    for (Objective o : p.objectives()) {
      for (Mapping m : mappings) {
        if (m.objective().equals(o)) {
          out.add(m);
        }
      }
    }
    return out;
  }

  /** The evidence kinds that support any objective of one practice, without repeats. */
  public List<EvidenceKind> evidenceKindsFor(String practiceId) {
    return evidenceFor(practiceId).stream().map(Mapping::evidenceKind).distinct().toList();
  }

  /**
   * The NIST SP 800-171 Rev. 3 supply chain requirements (03.17), for information only: they have
   * no CMMC Level 2 id and are not part of a Level 2 assessment.
   */
  public List<Rev3Requirement> rev3SupplyChainInformative() {
    return rev3;
  }

  private static CatalogReader.Source classpath(String name, List<CatalogProblem> problems) {
    String location = "classpath:" + CLASSPATH_DIR + name;
    ClassLoader loader = CmmcCatalog.class.getClassLoader();
    try (InputStream in = loader.getResourceAsStream(CLASSPATH_DIR + name)) {
      if (in == null) {
        problems.add(
            new CatalogProblem(
                location,
                "",
                CatalogReason.FILE_MISSING,
                "not on the classpath; is the dev.countersign:policies jar present?"));
        return new CatalogReader.Source(location, new byte[0]);
      }
      byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
      if (bytes.length > MAX_FILE_BYTES) {
        problems.add(
            new CatalogProblem(location, "", CatalogReason.FILE_TOO_LARGE, "larger than 1 MiB"));
      }
      return new CatalogReader.Source(location, bytes);
    } catch (IOException e) {
      problems.add(new CatalogProblem(location, "", CatalogReason.FILE_UNREADABLE, e.getMessage()));
      return new CatalogReader.Source(location, new byte[0]);
    }
  }

  private static CatalogReader.Source file(Path file, List<CatalogProblem> problems) {
    String name = file.toString();
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        problems.add(
            new CatalogProblem(name, "", CatalogReason.FILE_TOO_LARGE, "larger than 1 MiB"));
        return new CatalogReader.Source(name, new byte[0]);
      }
      return new CatalogReader.Source(name, Files.readAllBytes(file));
    } catch (IOException e) {
      problems.add(new CatalogProblem(name, "", CatalogReason.FILE_UNREADABLE, String.valueOf(e)));
      return new CatalogReader.Source(name, new byte[0]);
    }
  }

  private static String revision(List<CatalogReader.Source> sources) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (CatalogReader.Source s : sources) {
        // Why: the role of each file (not where it was read from) is hashed with its bytes, so the
        // same content loaded from the jar or from a copy on disk has the same revision.
        String role =
            s.name().substring(Math.max(s.name().lastIndexOf('/'), s.name().lastIndexOf('\\')) + 1);
        sha.update(role.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(Integer.toString(s.bytes().length).getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(s.bytes());
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
