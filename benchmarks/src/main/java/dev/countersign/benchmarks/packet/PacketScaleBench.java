package dev.countersign.benchmarks.packet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.report.aws.SyntheticTrail;
import dev.countersign.testkit.TestSigstore;
import dev.countersign.testkit.ca.GithubActionsClaims;
import dev.countersign.testkit.ca.LeafRequest;
import dev.countersign.testkit.oci.Image;
import dev.countersign.testkit.oci.ManifestFormat;
import dev.countersign.testkit.oci.OciContent;
import dev.countersign.testkit.oci.Platform;
import dev.countersign.testkit.oci.Predicates;
import dev.countersign.testkit.oci.RandomImages;
import dev.countersign.testkit.oci.cosign.CosignAttestation;
import dev.countersign.testkit.oci.cosign.CosignManifests;
import dev.countersign.testkit.oci.cosign.CosignSigner;
import dev.countersign.testkit.oci.cosign.CosignStatements;
import dev.countersign.testkit.oci.layout.OciLayout;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The audit packet at scale (issue 6, acceptance 5): 5,000 signed images and 1,000,000 CloudTrail
 * ECR events must give a packet in at most 2 minutes with at most 512 MB of heap.
 *
 * <p>Generation (not timed): 5,000 images with a keyless cosign signature, SLSA provenance and a
 * CycloneDX SBOM made by the testkit's private Sigstore, in per-repository OCI layouts (100
 * repositories of 50); an inventory of 5,000 running pods; an ECR snapshot as {@code countersign
 * packet snapshot} writes it (every image with a scan finding); trail files holding 1,000,000 ECR
 * events (and a third as many other services' records) with signed hourly digests, written by the
 * evidence-report tests' {@code SyntheticTrail}.
 *
 * <p>Timed: {@code java -Xmx512m -jar countersign.jar packet ...} as a separate process, wall time
 * from start to exit; peak heap is the largest heap occupancy before a collection in the process's
 * {@code -Xlog:gc} log (G1 collects before the heap is full, so this is the most the heap held).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.countersign.benchmarks.packet.PacketScaleBench \
 *     --work /tmp/packet-scale --jar evidence-report/target/countersign.jar
 * </pre>
 */
public final class PacketScaleBench {
  static final String ACCOUNT = "123456789012";
  static final String REGION = "us-gov-west-1";
  static final String REGISTRY = ACCOUNT + ".dkr.ecr." + REGION + ".amazonaws.com";
  static final Instant WINDOW_START = Instant.parse("2025-06-02T00:00:00Z");
  static final Instant WINDOW_END = Instant.parse("2025-06-09T00:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  private PacketScaleBench() {}

  public static void main(String[] args) throws Exception {
    Path work = Path.of("/tmp/countersign-packet-scale");
    Path jar = Path.of("evidence-report/target/countersign.jar");
    int images = 5000;
    int events = 1_000_000;
    String heap = "512m";
    int parallelism = 8;
    boolean regenerate = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--work" -> work = Path.of(args[++i]);
        case "--jar" -> jar = Path.of(args[++i]);
        case "--images" -> images = Integer.parseInt(args[++i]);
        case "--events" -> events = Integer.parseInt(args[++i]);
        case "--heap" -> heap = args[++i];
        case "--parallelism" -> parallelism = Integer.parseInt(args[++i]);
        case "--regenerate" -> regenerate = true;
        default -> {
          System.err.println("unknown argument " + args[i]);
          System.exit(2);
        }
      }
    }
    if (!Files.isRegularFile(jar)) {
      System.err.println(jar + " not found: build it with mvn -B package -DskipTests");
      System.exit(2);
    }
    Path estate = work.resolve("estate");
    Path marker = estate.resolve("generated-" + images + "-" + events);
    if (regenerate || !Files.exists(marker)) {
      long t0 = System.nanoTime();
      generate(estate, images, events);
      Files.writeString(marker, "");
      System.out.printf(
          Locale.ROOT, "generated in %.1f s (not measured)%n", (System.nanoTime() - t0) / 1e9);
    }
    Path out = work.resolve("packet");
    deleteTree(out);
    Path gcLog = work.resolve("gc.log");
    Files.deleteIfExists(gcLog);
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx" + heap);
    cmd.add("-Xlog:gc:file=" + gcLog);
    cmd.add("-jar");
    cmd.add(jar.toString());
    cmd.addAll(
        List.of(
            "packet",
            "--out",
            out.toString(),
            "--organization",
            "Scale Test Components, Inc.",
            "--from",
            WINDOW_START.toString(),
            "--to",
            WINDOW_END.toString(),
            "--inventory",
            estate.resolve("inventory.yaml").toString(),
            "--policies",
            estate.resolve("policies").toString(),
            "--trust-roots",
            estate.resolve("trust-roots").toString(),
            "--oci-layouts",
            estate.resolve("oci-layouts").toString(),
            "--snapshot",
            estate.resolve("snapshot").toString(),
            "--trail-folder",
            estate.resolve("trail").toString(),
            "--trail-public-keys",
            estate.resolve("cloudtrail-public-keys.json").toString(),
            "--ci-principal",
            "arn:aws:sts::" + ACCOUNT + ":assumed-role/ci-push/*",
            "--parallelism",
            Integer.toString(parallelism)));
    System.out.println("running: " + String.join(" ", cmd));
    long start = System.nanoTime();
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int code = p.waitFor();
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.println(output);
    long peak = 0;
    long live = 0;
    long committed = 0;
    long collections = 0;
    Pattern gc = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");
    for (String line : Files.readAllLines(gcLog)) {
      Matcher m = gc.matcher(line);
      if (m.find()) {
        collections++;
        peak = Math.max(peak, Long.parseLong(m.group(1)));
        live = Math.max(live, Long.parseLong(m.group(2)));
        committed = Math.max(committed, Long.parseLong(m.group(3)));
      }
    }
    long files;
    long bytes;
    try (var s = Files.walk(out)) {
      List<Path> all = s.filter(Files::isRegularFile).toList();
      files = all.size();
      long b = 0;
      for (Path f : all) {
        b += Files.size(f);
      }
      bytes = b;
    }
    List<String> verify = new ArrayList<>(cmd.subList(0, 2));
    verify.addAll(List.of("-jar", jar.toString(), "packet", "verify", out.toString()));
    long verifyStart = System.nanoTime();
    Process v = new ProcessBuilder(verify).redirectErrorStream(true).start();
    String verifyOutput = new String(v.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int verifyCode = v.waitFor();
    double verifySeconds = (System.nanoTime() - verifyStart) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "packet: exit %d, wall %.1f s; heap (-Xmx%s): peak %d MB before a collection, at most %d MB"
            + " live after one, %d MB committed, %d collections; %d files (%.1f MB counting each"
            + " hard link)%n",
        code,
        seconds,
        heap,
        peak,
        live,
        committed,
        collections,
        files,
        bytes / 1e6);
    System.out.printf(
        Locale.ROOT,
        "packet verify: exit %d, wall %.1f s: %s%n",
        verifyCode,
        verifySeconds,
        verifyOutput.strip().lines().reduce((a, b) -> b).orElse(""));
  }

  static void generate(Path estate, int count, int events) throws Exception {
    deleteTree(estate);
    Files.createDirectories(estate);
    TestSigstore sigstore = TestSigstore.create(Instant.parse("2025-05-01T00:00:00Z"));
    Files.createDirectories(estate.resolve("trust-roots"));
    Files.writeString(estate.resolve("trust-roots/scale-corp.json"), sigstore.trustedRootJson());
    Files.createDirectories(estate.resolve("policies"));
    Files.writeString(
        estate.resolve("policies/prod.yaml"),
        "apiVersion: policy.countersign.dev/v1alpha1\n"
            + "kind: ImagePolicy\n"
            + "metadata: {name: prod}\n"
            + "spec:\n"
            + "  mode: enforce\n"
            + "  images: [{glob: \""
            + REGISTRY
            + "/prod/**\"}]\n"
            + "  trustRoot: scale-corp\n"
            + "  authorities:\n"
            + "    - name: release\n"
            + "      keyless:\n"
            + "        identities:\n"
            + "          - issuer: https://token.actions.githubusercontent.com\n"
            + "            subjectRegExp: '^https://github\\.com/scale/app/\\.github/workflows/release\\.yml@refs/tags/v[0-9.]+$'\n"
            + "  attestations:\n"
            + "    - name: provenance\n"
            + "      predicateType: https://slsa.dev/provenance/v1\n"
            + "      slsa: {sourceRepository: github.com/scale/app}\n"
            + "    - name: sbom\n"
            + "      predicateType: https://cyclonedx.org/bom\n"
            + "      sbom: {failOnSeverity: critical}\n");
    GithubActionsClaims claims =
        GithubActionsClaims.of(
            "scale/app", ".github/workflows/release.yml", "refs/tags/v1.0.0", "a".repeat(40));
    CosignSigner signer =
        CosignSigner.keyless(
            sigstore, LeafRequest.forGithubActions(claims).withSct(sigstore.ctLog()));
    RandomImages random = RandomImages.seeded(5000);
    Instant signed = Instant.parse("2025-06-01T12:00:00Z");
    int repositories = Math.max(1, count / 50);
    List<String> digests = new ArrayList<>();
    for (int r = 0; r < repositories; r++) {
      String repo = String.format("prod/svc-%03d", r);
      String name = REGISTRY + "/" + repo;
      OciContent content = OciContent.empty();
      for (int i = r; i < count; i += repositories) {
        Image image = random.image(Platform.LINUX_AMD64, 1, ManifestFormat.OCI);
        List<CosignAttestation> attestations =
            List.of(
                signer.attest(
                    CosignStatements.forImageV1(
                        name,
                        image.digest(),
                        Predicates.SLSA_PROVENANCE_V1,
                        Predicates.slsaProvenanceV1(
                            "https://github.com/actions/runner/github-hosted",
                            "scale/app",
                            ".github/workflows/release.yml",
                            "refs/tags/v1.0.0",
                            "a".repeat(40))),
                    signed),
                signer.attest(
                    CosignStatements.forImageV1(
                        name,
                        image.digest(),
                        Predicates.CYCLONEDX,
                        Predicates.cycloneDx(
                            List.of(
                                "pkg:npm/left-pad@1.3.0",
                                "pkg:maven/com.example/lib-" + i + "@1.0.0"))),
                    signed));
        content =
            content
                .plus(image.content("v1." + i))
                .plus(
                    CosignManifests.signatures(
                        image.digest(), List.of(signer.sign(name, image.digest(), signed))))
                .plus(CosignManifests.attestations(image.digest(), attestations));
        digests.add(repo + "@" + image.digest());
      }
      OciLayout.write(estate.resolve("oci-layouts").resolve(repo), content);
      if (r % 10 == 9) {
        System.out.printf(Locale.ROOT, "  images: %d repositories written%n", r + 1);
      }
    }
    try (BufferedWriter w = Files.newBufferedWriter(estate.resolve("inventory.yaml"))) {
      w.write("schema: countersign.dev/inventory/v1\ncluster: scale\nitems:\n");
      for (int i = 0; i < digests.size(); i++) {
        String d = digests.get(i);
        String svc = d.substring("prod/".length(), d.indexOf('@'));
        w.write("  - image: " + REGISTRY + "/" + d + "\n");
        w.write("    namespace: prod\n    pod: " + svc + "-" + i + "\n    container: app\n");
        w.write("    owner: ReplicaSet/" + svc + "\n    startedAt: 2025-06-03T00:00:00Z\n");
      }
    }
    ecrSnapshot(estate.resolve("snapshot"), digests, repositories);
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    KeyPair key = g.generateKeyPair();
    // One record in four is another service's, so this many records hold `events` ECR events.
    int records = events + events / 3;
    SyntheticTrail trail = new SyntheticTrail(ACCOUNT, REGION, 1_000_000L);
    SyntheticTrail.Target folder = SyntheticTrail.folder(estate.resolve("trail"));
    Duration spacing =
        Duration.ofNanos(Duration.between(WINDOW_START, WINDOW_END).toNanos() / (records + 1L));
    List<SyntheticTrail.WrittenLog> logs =
        trail.writeLogFiles(
            folder,
            "",
            WINDOW_START.plusSeconds(1),
            spacing,
            records,
            Integer.MAX_VALUE,
            0,
            generated -> {});
    trail.writeDigests(
        folder,
        "scale-cloudtrail",
        "",
        "management",
        key,
        logs,
        WINDOW_START,
        WINDOW_END.plus(Duration.ofHours(2)));
    Files.write(
        estate.resolve("cloudtrail-public-keys.json"),
        publicKeyList((RSAPublicKey) key.getPublic(), WINDOW_START.minus(Duration.ofDays(30))));
    System.out.printf(Locale.ROOT, "  trail: %d log files%n", logs.size());
  }

  /** The key as {@code aws cloudtrail list-public-keys} prints it. */
  static byte[] publicKeyList(RSAPublicKey key, Instant from) throws IOException {
    ObjectNode list = JSON.createObjectNode();
    ObjectNode k = list.putArray("PublicKeyList").addObject();
    k.put("Value", Base64.getEncoder().encodeToString(SyntheticTrail.pkcs1(key)));
    k.put("ValidityStartTime", from.getEpochSecond());
    k.put("Fingerprint", SyntheticTrail.fingerprint(key));
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(list);
  }

  /** The ECR answers as the collector stores them: raw JSON files and queries.jsonl. */
  static void ecrSnapshot(Path dir, List<String> digests, int repositories) throws IOException {
    Files.createDirectories(dir);
    try (BufferedWriter index = Files.newBufferedWriter(dir.resolve("queries.jsonl"))) {
      ObjectNode scanning = JSON.createObjectNode();
      scanning.put("registryId", ACCOUNT);
      ObjectNode c = scanning.putObject("scanningConfiguration");
      c.put("scanType", "ENHANCED");
      ObjectNode rule = c.putArray("rules").addObject();
      rule.put("scanFrequency", "CONTINUOUS_SCAN");
      rule.putArray("repositoryFilters")
          .addObject()
          .put("filter", "prod/*")
          .put("filterType", "WILDCARD");
      answer(
          dir,
          index,
          "registry-scanning-configuration.json",
          "GetRegistryScanningConfiguration",
          "{}",
          scanning);
      ObjectNode repos = JSON.createObjectNode();
      ArrayNode list = repos.putArray("repositories");
      for (int r = 0; r < repositories; r++) {
        String repo = String.format("prod/svc-%03d", r);
        ObjectNode o = list.addObject();
        o.put(
            "repositoryArn",
            "arn:aws-us-gov:ecr:" + REGION + ":" + ACCOUNT + ":repository/" + repo);
        o.put("registryId", ACCOUNT);
        o.put("repositoryName", repo);
        o.put("repositoryUri", REGISTRY + "/" + repo);
        o.put("createdAt", 1_700_000_000.0);
        o.put("imageTagMutability", "IMMUTABLE");
        o.putObject("imageScanningConfiguration").put("scanOnPush", true);
        o.putObject("encryptionConfiguration").put("encryptionType", "AES256");
      }
      answer(
          dir,
          index,
          "describe-repositories/page-0001.json",
          "DescribeRepositories",
          "{\"registryId\":\"" + ACCOUNT + "\",\"maxResults\":1000}",
          repos);
      for (int r = 0; r < repositories; r++) {
        String repo = String.format("prod/svc-%03d", r);
        String seg = repo.replace("/", "%2F");
        ObjectNode none = JSON.createObjectNode();
        none.put("__type", "RepositoryPolicyNotFoundException");
        none.put("message", "Repository policy does not exist");
        answer(
            dir,
            index,
            "repositories/" + seg + "/repository-policy.json",
            "GetRepositoryPolicy",
            "{\"repositoryName\":\"" + repo + "\"}",
            none);
        ObjectNode images = JSON.createObjectNode();
        ArrayNode details = images.putArray("imageDetails");
        List<String> mine = digests.stream().filter(d -> d.startsWith(repo + "@")).toList();
        for (String d : mine) {
          ObjectNode i = details.addObject();
          i.put("registryId", ACCOUNT);
          i.put("repositoryName", repo);
          i.put("imageDigest", d.substring(d.indexOf('@') + 1));
          i.put("imagePushedAt", 1_748_779_200);
          i.putArray("imageTags").add("v1");
          i.putObject("imageScanStatus")
              .put("status", "ACTIVE")
              .put("description", "Continuous scan");
          i.putObject("imageScanFindingsSummary")
              .put("imageScanCompletedAt", 1_749_000_000)
              .putObject("findingSeverityCounts")
              .put("MEDIUM", 1);
        }
        answer(
            dir,
            index,
            "repositories/" + seg + "/describe-images/page-0001.json",
            "DescribeImages",
            "{\"repositoryName\":\"" + repo + "\",\"maxResults\":1000}",
            images);
        for (String d : mine) {
          String digest = d.substring(d.indexOf('@') + 1);
          ObjectNode f = JSON.createObjectNode();
          f.put("registryId", ACCOUNT);
          f.put("repositoryName", repo);
          f.putObject("imageId").put("imageDigest", digest);
          ObjectNode isf = f.putObject("imageScanFindings");
          isf.put("imageScanCompletedAt", 1_749_000_000);
          ObjectNode e = isf.putArray("enhancedFindings").addObject();
          e.put("firstObservedAt", 1_748_800_000);
          e.put("severity", "MEDIUM");
          e.put("status", "ACTIVE");
          e.putObject("packageVulnerabilityDetails")
              .put("vulnerabilityId", "CVE-2025-0001")
              .putArray("vulnerablePackages")
              .addObject()
              .put("name", "openssl")
              .put("version", "3.0.1");
          answer(
              dir,
              index,
              "repositories/"
                  + seg
                  + "/scan-findings/"
                  + digest.replace(':', '-')
                  + "/page-0001.json",
              "DescribeImageScanFindings",
              "{\"repositoryName\":\""
                  + repo
                  + "\",\"imageId\":{\"imageDigest\":\""
                  + digest
                  + "\"}}",
              f);
        }
      }
    }
  }

  private static void answer(
      Path dir,
      BufferedWriter index,
      String path,
      String operation,
      String parameters,
      ObjectNode body)
      throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    String file = "ecr/" + REGION + "/" + path;
    Path p = dir.resolve(file);
    Files.createDirectories(p.getParent());
    Files.write(p, bytes);
    ObjectNode line = JSON.createObjectNode();
    line.put("file", file);
    try {
      line.put(
          "sha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    line.put("size", bytes.length);
    ObjectNode q = line.putObject("query");
    q.put("service", "ecr");
    q.put("operation", operation);
    q.put("region", REGION);
    q.put("endpoint", "https://api.ecr." + REGION + ".amazonaws.com/");
    q.put("account", ACCOUNT);
    q.put("time", "2025-06-09T01:00:00Z");
    q.put("parameters", parameters);
    index.write(JSON.writeValueAsString(line));
    index.write('\n');
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
