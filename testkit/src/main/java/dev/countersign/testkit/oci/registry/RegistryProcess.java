package dev.countersign.testkit.oci.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;

/**
 * A real OCI registry for integration tests: Debian's {@code docker-registry} (distribution 2.8) on
 * 127.0.0.1 at a free port, storing into a fresh temporary directory, anonymous or behind htpasswd
 * or token authentication. {@link #close} stops it and deletes its storage.
 *
 * <p>When the binary is absent, {@link #start} throws opentest4j's {@code TestAbortedException}
 * (what JUnit's assumptions throw), so calling tests are reported as skipped, with the reason. The
 * binary is {@code /usr/bin/docker-registry} (package {@code docker-registry}) unless the system
 * property {@code countersign.dockerRegistry} names another.
 *
 * <p>Distribution 2.8 behaviour tests must expect:
 *
 * <ul>
 *   <li>No OCI 1.1 referrers API: {@code GET /v2/<name>/referrers/<digest>} answers 404, so
 *       referrers are found through the referrers tag schema ({@code sha256-<hex>} index), or put a
 *       {@link ReferrersProxy} in front.
 *   <li>OCI manifests and indexes are served only to clients whose {@code Accept} lists their media
 *       type; otherwise 404 {@code MANIFEST_UNKNOWN}.
 *   <li>An index is refused unless every manifest it lists is already in the repository; a manifest
 *       is refused unless its config and layer blobs are. {@code subject} is not checked.
 *   <li>Config and layer media types it does not know (cosign payloads, DSSE envelopes, Sigstore
 *       bundles, the OCI empty descriptor) are accepted, as are {@code artifactType} and {@code
 *       subject}, stored untouched: no {@code validation} setting is needed.
 *   <li>Every 404 is logged at level error (see {@link #log()}).
 * </ul>
 */
public final class RegistryProcess implements AutoCloseable {
  private static final Path DEFAULT_BINARY = Path.of("/usr/bin/docker-registry");
  private static final Duration STARTUP = Duration.ofSeconds(20);

  private final Process process;
  private final Path directory;
  private final int port;
  private final RegistryAuth auth;
  private final TokenServer tokenServer;
  private final LoopbackTls tls;
  private final Thread shutdownHook;

  private RegistryProcess(
      Process process,
      Path directory,
      int port,
      RegistryAuth auth,
      TokenServer tokenServer,
      LoopbackTls tls) {
    this.process = process;
    this.directory = directory;
    this.port = port;
    this.auth = auth;
    this.tokenServer = tokenServer;
    this.tls = tls;
    // A test that never closes its registry must not leave the process running after the JVM.
    this.shutdownHook = new Thread(process::destroyForcibly, "registry-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** The registry binary, if installed. */
  public static Optional<Path> binary() {
    String configured = System.getProperty("countersign.dockerRegistry");
    Path path = configured != null ? Path.of(configured) : DEFAULT_BINARY;
    return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
  }

  /** True when {@link #start} can run a registry here. */
  public static boolean isAvailable() {
    return binary().isPresent();
  }

  /** Why {@link #start} would skip, for assumption messages. */
  public static String unavailableReason() {
    return "docker-registry binary not found (install Debian package docker-registry, or set"
        + " -Dcountersign.dockerRegistry=/path/to/registry): skipping real-registry test";
  }

  /** An anonymous registry. */
  public static RegistryProcess start() {
    return start(RegistryAuth.anonymous());
  }

  /** A registry with {@code auth}; skips the calling test when the binary is absent. */
  public static RegistryProcess start(RegistryAuth auth) {
    return start(auth, false);
  }

  /**
   * A registry with {@code auth} serving HTTPS with a certificate for 127.0.0.1 from a fresh test
   * CA; clients trust it through {@link #sslContext()}.
   */
  public static RegistryProcess startTls(RegistryAuth auth) {
    return start(auth, true);
  }

  private static RegistryProcess start(RegistryAuth auth, boolean serveTls) {
    Path binary = binary().orElseThrow(() -> Skips.abort(unavailableReason()));
    Path directory = null;
    TokenServer tokenServer = null;
    try {
      directory = Files.createTempDirectory("countersign-registry-");
      Path storage = Files.createDirectory(directory.resolve("storage"));
      String authSection = null;
      if (auth instanceof RegistryAuth.HtpasswdUsers h) {
        Path file = Files.writeString(directory.resolve("htpasswd"), Htpasswd.file(h.users()));
        authSection = RegistryConfigFile.htpasswd(file);
      } else if (auth instanceof RegistryAuth.Token t) {
        tokenServer = t.server().start();
        Path roots =
            Files.writeString(
                directory.resolve("token-root.pem"), tokenServer.rootCertificatePem());
        authSection = RegistryConfigFile.token(tokenServer, roots);
      }
      LoopbackTls tls = null;
      String tlsSection = null;
      if (serveTls) {
        // The real process checks validity against the wall clock, so the certificates must too.
        tls = LoopbackTls.create(Instant.now());
        Path cert =
            Files.writeString(directory.resolve("tls-chain.pem"), tls.certificateChainPem());
        Path key = Files.writeString(directory.resolve("tls-key.pem"), tls.privateKeyPem());
        tlsSection = RegistryConfigFile.tls(cert, key);
      }
      String lastLog = "";
      for (int attempt = 0; attempt < 3; attempt++) {
        int port = freePort();
        Path config = directory.resolve("config.yml");
        Files.writeString(config, RegistryConfigFile.yaml(storage, port, tlsSection, authSection));
        Path log = directory.resolve("registry.log");
        Process process =
            new ProcessBuilder(binary.toString(), "serve", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (awaitReady(process, port, tls)) {
          return new RegistryProcess(process, directory, port, auth, tokenServer, tls);
        }
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        lastLog = Files.readString(log);
        if (!lastLog.contains("address already in use")) {
          break;
        }
      }
      throw new IllegalStateException("docker-registry did not start:\n" + lastLog);
    } catch (IOException e) {
      cleanUp(directory, tokenServer);
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cleanUp(directory, tokenServer);
      throw new IllegalStateException("interrupted while starting docker-registry", e);
    } catch (RuntimeException e) {
      cleanUp(directory, tokenServer);
      throw e;
    }
  }

  /** {@code http://127.0.0.1:<port>}, or {@code https://} when serving TLS. */
  public URI baseUri() {
    return URI.create((tls == null ? "http://" : "https://") + hostPort());
  }

  /** The test TLS material when serving HTTPS. */
  public Optional<LoopbackTls> tls() {
    return Optional.ofNullable(tls);
  }

  /** A client TLS context trusting this registry (the default context when serving HTTP). */
  public SSLContext sslContext() {
    if (tls == null) {
      try {
        return SSLContext.getDefault();
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
    return tls.clientContext();
  }

  /** {@code 127.0.0.1:<port>}, the registry part of image references. */
  public String hostPort() {
    return "127.0.0.1:" + port;
  }

  /** The port. */
  public int port() {
    return port;
  }

  /** How clients authenticate. */
  public RegistryAuth auth() {
    return auth;
  }

  /** The token server of token mode. */
  public Optional<TokenServer> tokenServer() {
    return Optional.ofNullable(tokenServer);
  }

  /** The registry's storage root (distribution's filesystem layout). */
  public Path storageDirectory() {
    return directory.resolve("storage");
  }

  /** A client signed in as the first configured user (anonymous when there is none). */
  public RegistryClient client() {
    Map<String, String> users = auth.users();
    if (users.isEmpty()) {
      return anonymousClient();
    }
    Map.Entry<String, String> first = users.entrySet().iterator().next();
    return client(first.getKey(), first.getValue());
  }

  /** A client signed in as {@code username}. */
  public RegistryClient client(String username, String password) {
    return tls == null
        ? RegistryClient.withCredentials(baseUri(), username, password)
        : RegistryClient.overTls(baseUri(), sslContext(), username, password);
  }

  /** A client without credentials. */
  public RegistryClient anonymousClient() {
    return tls == null
        ? RegistryClient.anonymous(baseUri())
        : RegistryClient.overTls(baseUri(), sslContext(), null, null);
  }

  /** What the registry has logged (warnings and errors). */
  public String log() {
    try {
      return Files.readString(directory.resolve("registry.log"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops the process, its token server, and deletes its storage. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // Already shutting down: the hook runs anyway.
    }
    cleanUp(directory, tokenServer);
  }

  private static boolean awaitReady(Process process, int port, LoopbackTls tls)
      throws InterruptedException {
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1));
    if (tls != null) {
      builder.sslContext(tls.clientContext());
    }
    HttpClient http = builder.build();
    String scheme = tls == null ? "http" : "https";
    HttpRequest ping =
        HttpRequest.newBuilder(URI.create(scheme + "://127.0.0.1:" + port + "/v2/"))
            .timeout(Duration.ofSeconds(2))
            .build();
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        return false;
      }
      try {
        // Any answer (200, or 401 under auth) means the registry is serving.
        http.send(ping, HttpResponse.BodyHandlers.discarding());
        return true;
      } catch (IOException e) {
        Thread.sleep(50);
      }
    }
    return false;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void cleanUp(Path directory, TokenServer tokenServer) {
    if (tokenServer != null) {
      tokenServer.close();
    }
    if (directory == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
