package dev.countersign.ecr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.countersign.verify.oci.RegistryCredential;
import dev.countersign.verify.oci.RegistryException;
import dev.countersign.verify.oci.RegistryException.Kind;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** EcrCredentials through the real AWS SDK against a local ECR API endpoint. */
class EcrCredentialsTest {
  private static final String HOST = "123456789012.dkr.ecr.us-gov-west-1.amazonaws.com";
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

  private HttpServer server;
  private final List<Seen> calls = new CopyOnWriteArrayList<>();
  private volatile Responder responder;
  private final TestClock clock = new TestClock(T0);

  record Seen(String target, String authorization, String contentType, String body) {}

  @FunctionalInterface
  interface Responder {
    void respond(HttpExchange ex) throws IOException;
  }

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext(
        "/",
        ex -> {
          try (ex) {
            calls.add(
                new Seen(
                    ex.getRequestHeaders().getFirst("X-Amz-Target"),
                    ex.getRequestHeaders().getFirst("Authorization"),
                    ex.getRequestHeaders().getFirst("Content-Type"),
                    new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            responder.respond(ex);
          }
        });
    server.start();
    responder = ex -> token(ex, "pw-" + calls.size(), clock.instant().plus(Duration.ofHours(12)));
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private EcrCredentials.Builder credentials() {
    return EcrCredentials.builder()
        .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG")))
        .clock(clock)
        .apiCallTimeout(Duration.ofSeconds(3))
        .maxAttempts(1);
  }

  /** The documented AWS JSON 1.1 response of GetAuthorizationToken. */
  static void token(HttpExchange ex, String password, Instant expiresAt) throws IOException {
    String token =
        Base64.getEncoder().encodeToString(("AWS:" + password).getBytes(StandardCharsets.UTF_8));
    send(
        ex,
        200,
        "{\"authorizationData\":[{\"authorizationToken\":\""
            + token
            + "\",\"expiresAt\":"
            + expiresAt.getEpochSecond()
            + ".123,\"proxyEndpoint\":\"https://"
            + HOST
            + "\"}]}");
  }

  static void send(HttpExchange ex, int status, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  @Test
  void decodesTheTokenFromASignedAwsJsonCall() throws Exception {
    try (EcrCredentials ecr = credentials().build()) {
      Optional<RegistryCredential> c = ecr.credentialFor(HOST);
      assertThat(c)
          .contains(
              new RegistryCredential.Basic(
                  "AWS", "pw-1", Optional.of(T0.plus(Duration.ofHours(12)).plusMillis(123))));
      Seen call = calls.get(0);
      assertThat(call.target())
          .isEqualTo("AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken");
      assertThat(call.contentType()).startsWith("application/x-amz-json-1.1");
      assertThat(call.authorization())
          .startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")
          .contains("/us-gov-west-1/ecr/aws4_request");
    }
  }

  @Test
  void otherHostsGetNothingAndCostNothing() throws Exception {
    try (EcrCredentials ecr = credentials().build()) {
      for (String other :
          new String[] {
            "docker.io",
            "ghcr.io",
            "public.ecr.aws",
            "12345678901.dkr.ecr.us-east-1.amazonaws.com",
            "123456789012.dkr.ecr.us-east-1.evil.com"
          }) {
        assertThat(ecr.credentialFor(other)).as(other).isEmpty();
      }
      assertThat(calls).isEmpty();
    }
  }

  @Test
  void hostsParse() {
    assertThat(EcrRegistryHost.parse(HOST))
        .contains(new EcrRegistryHost("123456789012", "us-gov-west-1", false));
    assertThat(EcrRegistryHost.parse("123456789012.dkr.ecr-fips.us-east-1.amazonaws.com"))
        .contains(new EcrRegistryHost("123456789012", "us-east-1", true));
    assertThat(EcrRegistryHost.parse("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn"))
        .contains(new EcrRegistryHost("123456789012", "cn-north-1", false));
    assertThat(EcrRegistryHost.parse("123456789012.dkr.ecr.us-east-1.amazonaws.com:443")).isEmpty();
  }

  @Test
  void cachesPerRegionAndAccountUntilTheMarginBeforeExpiry() throws Exception {
    try (EcrCredentials ecr = credentials().build()) {
      for (int i = 0; i < 20; i++) {
        assertThat(ecr.credentialFor(HOST)).isPresent();
      }
      assertThat(calls).hasSize(1);
      ecr.credentialFor("210987654321.dkr.ecr.us-gov-west-1.amazonaws.com");
      assertThat(calls).as("another account").hasSize(2);

      clock.advance(Duration.ofHours(11).plusMinutes(54));
      assertThat(ecr.credentialFor(HOST).map(c -> ((RegistryCredential.Basic) c).password()))
          .contains("pw-1");
      assertThat(calls).hasSize(2);
      clock.advance(Duration.ofMinutes(2));
      assertThat(ecr.credentialFor(HOST).map(c -> ((RegistryCredential.Basic) c).password()))
          .as("refreshed 5 minutes before expiry")
          .contains("pw-3");
      assertThat(calls).hasSize(3);
    }
  }

  @Test
  void concurrentLookupsShareOneCall() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    responder =
        ex -> {
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          token(ex, "shared", clock.instant().plus(Duration.ofHours(12)));
        };
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try (EcrCredentials ecr = credentials().build()) {
      List<Future<Optional<RegistryCredential>>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(pool.submit(() -> ecr.credentialFor(HOST)));
      }
      Thread.sleep(300);
      release.countDown();
      for (Future<Optional<RegistryCredential>> f : results) {
        assertThat(f.get()).isPresent();
      }
      assertThat(calls).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void accessDeniedIsUnauthorizedAndNotCached() throws Exception {
    responder =
        ex -> {
          ex.getResponseHeaders().add("x-amzn-ErrorType", "AccessDeniedException");
          send(
              ex,
              400,
              "{\"__type\":\"AccessDeniedException\",\"message\":\"User: arn:aws:sts::1:"
                  + "assumed-role/x is not authorized to perform: ecr:GetAuthorizationToken\"}");
        };
    try (EcrCredentials ecr = credentials().build()) {
      RegistryException e =
          catchThrowableOfType(RegistryException.class, () -> ecr.credentialFor(HOST));
      assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED);
      assertThat(e.getMessage()).contains("AccessDeniedException");
      responder = ex -> token(ex, "later", clock.instant().plus(Duration.ofHours(12)));
      assertThat(ecr.credentialFor(HOST)).isPresent();
      assertThat(calls).hasSize(2);
    }
  }

  @Test
  void serverErrorsAndThrottlingKeepTheirKinds() throws Exception {
    responder = ex -> send(ex, 500, "{\"__type\":\"ServerException\",\"message\":\"boom\"}");
    try (EcrCredentials ecr = credentials().build()) {
      assertThat(
              catchThrowableOfType(RegistryException.class, () -> ecr.credentialFor(HOST)).kind())
          .isEqualTo(Kind.UNAVAILABLE);
    }
    responder = ex -> send(ex, 400, "{\"__type\":\"ThrottlingException\",\"message\":\"slow\"}");
    try (EcrCredentials ecr = credentials().build()) {
      assertThat(
              catchThrowableOfType(RegistryException.class, () -> ecr.credentialFor(HOST)).kind())
          .isEqualTo(Kind.RATE_LIMITED);
    }
  }

  @Test
  void anUnreachableEndpointIsUnavailableWithinTheTimeout() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (EcrCredentials ecr =
        credentials().endpointOverride(URI.create("http://127.0.0.1:" + port)).build()) {
      long start = System.nanoTime();
      RegistryException e =
          catchThrowableOfType(RegistryException.class, () -> ecr.credentialFor(HOST));
      assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }
  }

  @Test
  void aSlowEndpointIsTimeout() throws Exception {
    responder =
        ex -> {
          try {
            Thread.sleep(5000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        };
    try (EcrCredentials ecr = credentials().apiCallTimeout(Duration.ofMillis(500)).build()) {
      long start = System.nanoTime();
      RegistryException e =
          catchThrowableOfType(RegistryException.class, () -> ecr.credentialFor(HOST));
      assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }
  }

  @Test
  void missingAwsCredentialsAreUnauthorized() throws Exception {
    try (EcrCredentials ecr =
        credentials()
            .credentialsProvider(
                () -> {
                  throw software.amazon.awssdk.core.exception.SdkClientException.create(
                      "Unable to load credentials from any of the providers in the chain");
                })
            .build()) {
      RegistryException e =
          catchThrowableOfType(RegistryException.class, () -> ecr.credentialFor(HOST));
      assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED);
      assertThat(calls).isEmpty();
    }
  }

  /** A clock the test moves by hand. */
  static final class TestClock extends Clock {
    private final AtomicReference<Instant> now;

    TestClock(Instant start) {
      now = new AtomicReference<>(start);
    }

    void advance(Duration d) {
      now.updateAndGet(i -> i.plus(d));
    }

    @Override
    public Instant instant() {
      return now.get();
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
