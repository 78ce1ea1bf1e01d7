package dev.countersign.report.aws.internal;

import dev.countersign.report.aws.AwsReason;
import dev.countersign.report.aws.CollectionProblem;
import dev.countersign.report.aws.EcrCollection;
import dev.countersign.report.aws.EcrImage;
import dev.countersign.report.aws.EcrRepository;
import dev.countersign.report.aws.EcrVisitor;
import dev.countersign.report.aws.EvidenceSink;
import dev.countersign.report.aws.Progress;
import dev.countersign.report.aws.Query;
import dev.countersign.report.aws.RepositoryPolicy;
import dev.countersign.report.aws.ScanFinding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
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
import java.util.function.Function;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.DescribeImageScanFindingsResponse;
import software.amazon.awssdk.services.ecr.model.DescribeImagesResponse;
import software.amazon.awssdk.services.ecr.model.DescribeRepositoriesResponse;
import software.amazon.awssdk.services.ecr.model.GetRegistryScanningConfigurationResponse;
import software.amazon.awssdk.services.ecr.model.GetRepositoryPolicyResponse;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.Repository;

/**
 * One ECR collection: registry scanning configuration, repositories, policies, images and scan
 * findings, each API answer saved raw with its query. Findings are fetched by a few worker threads
 * with a bounded queue, so at most a few images' pages are in memory at once.
 */
public final class EcrRun {
  private static final int IMAGES_PAGE = 1000;
  private static final int FINDINGS_PAGE = 1000;
  private static final int REPOSITORIES_PAGE = 1000;

  private final EcrClient client;
  private final String region;
  private final EvidenceSink sink;
  private final Progress progress;
  private final Clock clock;
  private final int concurrency;
  private final boolean includeFindings;
  private final List<String> repositoryNames;
  private final String configuredRegistryId;

  private final List<CollectionProblem> problems = Collections.synchronizedList(new ArrayList<>());
  private final AtomicLong apiCalls = new AtomicLong();
  private final AtomicLong images = new AtomicLong();
  private final AtomicLong imagesWithFindings = new AtomicLong();
  private final AtomicLong findingImagesSubmitted = new AtomicLong();
  private final AtomicLong policies = new AtomicLong();
  private final Map<String, AtomicLong> findingsBySeverity = new ConcurrentHashMap<>();
  private final AtomicReference<IOException> writeFailure = new AtomicReference<>();
  private final AtomicReference<RuntimeException> visitorFailure = new AtomicReference<>();
  private final Object visitorLock = new Object();
  private volatile String account;
  private EcrVisitor visitor;

  public EcrRun(
      EcrClient client,
      String region,
      String registryId,
      EvidenceSink sink,
      Progress progress,
      Clock clock,
      int concurrency,
      boolean includeFindings,
      List<String> repositoryNames) {
    this.client = client;
    this.region = region;
    this.configuredRegistryId = registryId;
    this.account = registryId == null ? "" : registryId;
    this.sink = sink;
    this.progress = progress;
    this.clock = clock;
    this.concurrency = concurrency;
    this.includeFindings = includeFindings;
    this.repositoryNames = List.copyOf(repositoryNames);
  }

  public EcrCollection run(EcrVisitor visitor) throws IOException {
    this.visitor = visitor;
    registryScanning();
    List<EcrRepository> repositories = repositories();
    ExecutorService workers =
        Executors.newFixedThreadPool(
            concurrency,
            r -> {
              Thread t = new Thread(r, "ecr-findings");
              t.setDaemon(true);
              return t;
            });
    // Two queued images per worker keep the workers busy without piling up pages in memory.
    Semaphore queue = new Semaphore(concurrency * 2);
    try {
      long done = 0;
      for (EcrRepository repository : repositories) {
        repositoryPolicy(repository);
        images(repository, workers, queue);
        progress.update("ecr repositories", ++done, repositories.size());
        rethrowWriteFailure();
      }
      workers.shutdown();
      while (!workers.awaitTermination(1, TimeUnit.SECONDS)) {
        rethrowWriteFailure();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      problems.add(new CollectionProblem(AwsReason.INTERRUPTED, "ecr", "", "interrupted"));
    } finally {
      workers.shutdownNow();
    }
    rethrowWriteFailure();
    Map<String, Long> bySeverity = new TreeMap<>();
    findingsBySeverity.forEach((k, v) -> bySeverity.put(k, v.get()));
    return new EcrCollection(
        account,
        region,
        repositories.size(),
        images.get(),
        imagesWithFindings.get(),
        bySeverity,
        policies.get(),
        apiCalls.get(),
        new ArrayList<>(problems));
  }

  private void registryScanning() throws IOException {
    Call<GetRegistryScanningConfigurationResponse> c =
        call(
            "GetRegistryScanningConfiguration",
            "",
            "registry-scanning-configuration.json",
            cap -> client.getRegistryScanningConfiguration(b -> b.overrideConfiguration(o(cap))));
    if (c.value() != null) {
      learnAccount(c.value().registryId());
      visit(
          v ->
              v.registryScanning(
                  EcrMapping.scanning(c.value().registryId(), c.value().scanningConfiguration())));
    } else {
      problems.add(c.problem());
    }
  }

  private List<EcrRepository> repositories() throws IOException {
    List<EcrRepository> out = new ArrayList<>();
    String token = null;
    int page = 0;
    do {
      String t = token;
      page++;
      Call<DescribeRepositoriesResponse> c =
          call(
              "DescribeRepositories",
              "",
              "describe-repositories/" + page(page),
              cap ->
                  client.describeRepositories(
                      b -> {
                        b.registryId(configuredRegistryId)
                            .nextToken(t)
                            .overrideConfiguration(o(cap));
                        if (repositoryNames.isEmpty()) {
                          b.maxResults(REPOSITORIES_PAGE);
                        } else {
                          b.repositoryNames(repositoryNames);
                        }
                      }));
      if (c.value() == null) {
        problems.add(c.problem());
        break;
      }
      for (Repository r : c.value().repositories()) {
        EcrRepository repository = EcrMapping.repository(r);
        learnAccount(repository.registryId());
        out.add(repository);
        visit(v -> v.repository(repository));
      }
      token = c.value().nextToken();
    } while (token != null);
    return out;
  }

  private void repositoryPolicy(EcrRepository repository) throws IOException {
    String name = repository.name();
    Call<GetRepositoryPolicyResponse> c =
        call(
            "GetRepositoryPolicy",
            name,
            "repositories/" + segment(name) + "/repository-policy.json",
            cap ->
                client.getRepositoryPolicy(
                    b ->
                        b.registryId(configuredRegistryId)
                            .repositoryName(name)
                            .overrideConfiguration(o(cap))));
    if (c.value() != null) {
      policies.incrementAndGet();
      visit(
          v ->
              v.repositoryPolicy(
                  new RepositoryPolicy(
                      c.value().registryId(), name, Optional.ofNullable(c.value().policyText()))));
    } else if ("RepositoryPolicyNotFoundException".equals(c.errorCode())) {
      // "No policy" is a finding about the repository, kept with the answer that says so.
      Optional<byte[]> body = c.exchange().responseBody();
      if (body.isPresent()) {
        write(
            "repositories/" + segment(name) + "/repository-policy.json",
            body.get(),
            query("GetRepositoryPolicy", c.exchange()));
      }
      visit(
          v ->
              v.repositoryPolicy(
                  new RepositoryPolicy(repository.registryId(), name, Optional.empty())));
    } else {
      problems.add(c.problem());
    }
  }

  private void images(EcrRepository repository, ExecutorService workers, Semaphore queue)
      throws IOException, InterruptedException {
    String name = repository.name();
    String token = null;
    int page = 0;
    do {
      String t = token;
      page++;
      Call<DescribeImagesResponse> c =
          call(
              "DescribeImages",
              name,
              "repositories/" + segment(name) + "/describe-images/" + page(page),
              cap ->
                  client.describeImages(
                      b ->
                          b.registryId(configuredRegistryId)
                              .repositoryName(name)
                              .maxResults(IMAGES_PAGE)
                              .nextToken(t)
                              .overrideConfiguration(o(cap))));
      if (c.value() == null) {
        problems.add(c.problem());
        return;
      }
      for (ImageDetail d : c.value().imageDetails()) {
        EcrImage image = EcrMapping.image(d);
        visit(v -> v.image(image));
        progress.update("ecr images", images.incrementAndGet(), -1);
        if (includeFindings && image.hasScanFindings()) {
          findingImagesSubmitted.incrementAndGet();
          queue.acquire();
          workers.execute(
              () -> {
                try {
                  findings(image);
                } catch (IOException e) {
                  writeFailure.compareAndSet(null, e);
                } catch (UncheckedIOException e) {
                  writeFailure.compareAndSet(null, e.getCause());
                } catch (RuntimeException e) {
                  // a visitor that fails must not leave findings silently missing
                  visitorFailure.compareAndSet(null, e);
                } finally {
                  queue.release();
                  progress.update(
                      "ecr scan findings", imagesWithFindings.get(), findingImagesSubmitted.get());
                }
              });
        }
      }
      token = c.value().nextToken();
    } while (token != null);
  }

  private void findings(EcrImage image) throws IOException {
    if (writeFailure.get() != null || visitorFailure.get() != null) {
      return;
    }
    String name = image.repositoryName();
    String token = null;
    int page = 0;
    do {
      String t = token;
      page++;
      Call<DescribeImageScanFindingsResponse> c =
          call(
              "DescribeImageScanFindings",
              name + "@" + image.digest(),
              "repositories/"
                  + segment(name)
                  + "/scan-findings/"
                  + image.digest().replace(':', '-')
                  + "/"
                  + page(page),
              cap ->
                  client.describeImageScanFindings(
                      b ->
                          b.registryId(configuredRegistryId)
                              .repositoryName(name)
                              .imageId(i -> i.imageDigest(image.digest()))
                              .maxResults(FINDINGS_PAGE)
                              .nextToken(t)
                              .overrideConfiguration(o(cap))));
      if (c.value() == null) {
        problems.add(c.problem());
        return;
      }
      List<ScanFinding> findings = EcrMapping.findings(image, c.value().imageScanFindings());
      for (ScanFinding f : findings) {
        findingsBySeverity.computeIfAbsent(f.severity(), k -> new AtomicLong()).incrementAndGet();
      }
      visit(v -> v.findings(image, findings));
      token = c.value().nextToken();
    } while (token != null);
    imagesWithFindings.incrementAndGet();
  }

  // --- calls and evidence ---

  private record Call<R>(
      R value, SdkException error, CapturedExchange exchange, CollectionProblem problem) {
    String errorCode() {
      return error == null ? "" : SdkErrors.errorCode(error);
    }
  }

  private <R> Call<R> call(
      String operation, String target, String path, Function<CapturedExchange, R> invocation)
      throws IOException {
    CapturedExchange cap = new CapturedExchange();
    R value;
    try {
      value = invocation.apply(cap);
    } catch (SdkException e) {
      return new Call<>(null, e, cap, SdkErrors.problem("ecr:" + operation, target, e));
    }
    apiCalls.incrementAndGet();
    byte[] body = cap.responseBody().orElse(new byte[0]);
    write(path, body, query(operation, cap));
    return new Call<>(value, null, cap, null);
  }

  private static java.util.function.Consumer<AwsRequestOverrideConfiguration.Builder> o(
      CapturedExchange cap) {
    return o -> o.putExecutionAttribute(ExchangeRecorder.CAPTURE, cap);
  }

  private Query query(String operation, CapturedExchange cap) {
    return cap.query("ecr", operation, region, account, clock.instant());
  }

  private void write(String path, byte[] body, Query query) throws IOException {
    sink.write("ecr/" + region + "/" + path, body, query);
  }

  private void learnAccount(String registryId) {
    if (account.isEmpty() && registryId != null) {
      account = registryId;
    }
  }

  @FunctionalInterface
  private interface Visit {
    void accept(EcrVisitor v) throws IOException;
  }

  private void visit(Visit call) throws IOException {
    synchronized (visitorLock) {
      call.accept(visitor);
    }
  }

  private void rethrowWriteFailure() throws IOException {
    IOException e = writeFailure.get();
    if (e != null) {
      throw e;
    }
    RuntimeException r = visitorFailure.get();
    if (r != null) {
      throw r;
    }
  }

  private static String page(int n) {
    return String.format("page-%04d.json", n);
  }

  /** Repository names may contain '/'; encoded, each stays one folder and no two names collide. */
  static String segment(String repositoryName) {
    return repositoryName.replace("%", "%25").replace("/", "%2F");
  }
}
