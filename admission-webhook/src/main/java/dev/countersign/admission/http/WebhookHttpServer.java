package dev.countersign.admission.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.countersign.admission.AdmissionController;
import dev.countersign.admission.AdmissionReply;
import dev.countersign.admission.internal.review.ReviewCodec;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The HTTPS endpoint: a thin adapter that hands request bodies to the {@link AdmissionController}
 * and writes its replies. Routes: {@code POST /validate}, {@code POST /mutate}, {@code GET
 * /healthz}, {@code GET /readyz}, {@code GET /metrics}. Only TLS is served (the API server calls
 * webhooks over HTTPS only). The certificate and key files are re-read when they change, as
 * cert-manager rotates them, without dropping connections.
 */
public final class WebhookHttpServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The request attribute holding a body read by {@link #body}, for {@link #failed}. */
  private static final String BODY = "countersign.body";

  private final Javalin app;
  private final SslContextFactory.Server tls;
  private final ScheduledExecutorService certificateWatch;
  private final Consumer<String> log;

  /**
   * What the server needs.
   *
   * @param host address to bind ({@code 0.0.0.0} in a pod)
   * @param port port to bind (0: any free port)
   * @param certificate PEM certificate chain
   * @param key PEM private key
   * @param certificateCheck how often the files are checked for rotation
   * @param controller the admission core
   * @param readiness what {@code /readyz} reports
   * @param metrics the Prometheus text {@code /metrics} serves
   * @param log where notable events (certificate reloads) are reported
   */
  public record Settings(
      String host,
      int port,
      Path certificate,
      Path key,
      Duration certificateCheck,
      AdmissionController controller,
      Supplier<Readiness> readiness,
      Supplier<String> metrics,
      Consumer<String> log) {
    public Settings {
      Objects.requireNonNull(host, "host");
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be between 0 and 65535");
      }
      Objects.requireNonNull(certificate, "certificate");
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(certificateCheck, "certificateCheck");
      Objects.requireNonNull(controller, "controller");
      Objects.requireNonNull(readiness, "readiness");
      Objects.requireNonNull(metrics, "metrics");
      Objects.requireNonNull(log, "log");
    }
  }

  private WebhookHttpServer(Settings s) {
    this.log = s.log();
    PemKeyMaterial material = PemKeyMaterial.load(s.certificate(), s.key());
    this.tls = new SslContextFactory.Server();
    tls.setKeyStore(material.keyStore());
    tls.setKeyStorePassword(material.password());
    tls.setIncludeProtocols("TLSv1.3", "TLSv1.2");
    this.app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.startup.showOldJavalinVersionWarning = false;
              config.http.maxRequestSize = ReviewCodec.MAX_BODY_BYTES;
              config.jetty.addConnector(
                  (server, httpConfig) -> {
                    HttpConfiguration https = new HttpConfiguration(httpConfig);
                    // Jetty's per-connection header cache is a 96 KB table once a connection has
                    // carried a request. The API server opens a connection per concurrent call
                    // over HTTP/1.1, and in a surge those tables alone filled a 256 MB heap (see
                    // BENCHMARKS.md, admission webhook under load); the handful of headers of an
                    // admission request parse as fast without it.
                    https.setHeaderCacheSize(0);
                    // The API server calls by service DNS name or IP; the certificate's names
                    // are its business, not a reason for Jetty to refuse the request.
                    SecureRequestCustomizer secure = new SecureRequestCustomizer();
                    secure.setSniHostCheck(false);
                    https.addCustomizer(secure);
                    ServerConnector connector =
                        new ServerConnector(
                            server,
                            new SslConnectionFactory(tls, HttpVersion.HTTP_1_1.asString()),
                            new HttpConnectionFactory(https));
                    connector.setHost(s.host());
                    connector.setPort(s.port());
                    return connector;
                  });
              config.routes.post("/validate", ctx -> admit(ctx, s.controller(), false));
              config.routes.post("/mutate", ctx -> admit(ctx, s.controller(), true));
              config.routes.get(
                  "/healthz",
                  ctx -> ctx.contentType("application/json").result("{\"status\":\"ok\"}"));
              config.routes.get("/readyz", ctx -> ready(ctx, s.readiness().get()));
              config.routes.get(
                  "/metrics",
                  ctx ->
                      ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                          .result(s.metrics().get()));
              config.routes.exception(Exception.class, (e, ctx) -> failed(ctx, e, s.controller()));
            });
    this.certificateWatch =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "countersign-tls-reload");
              t.setDaemon(true);
              return t;
            });
    String[] seen = {fingerprint(s.certificate(), s.key())};
    long every = Math.max(100, s.certificateCheck().toMillis());
    certificateWatch.scheduleWithFixedDelay(
        () -> reloadIfChanged(s, seen), every, every, TimeUnit.MILLISECONDS);
  }

  /** Starts serving; throws {@link TlsMaterialException} when the certificate or key is bad. */
  public static WebhookHttpServer start(Settings settings) {
    WebhookHttpServer server = new WebhookHttpServer(settings);
    try {
      // The port is bound by the connector added above; Javalin's own port setting is unused.
      server.app.start();
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  /** The bound port. */
  public int port() {
    return Arrays.stream(app.jettyServer().server().getConnectors())
        .filter(c -> c instanceof ServerConnector)
        .map(c -> ((ServerConnector) c).getLocalPort())
        .filter(p -> p > 0)
        .findFirst()
        .orElse(-1);
  }

  private static void admit(Context ctx, AdmissionController controller, boolean mutation)
      throws IOException {
    byte[] body = body(ctx);
    CompletableFuture<AdmissionReply> reply =
        mutation ? controller.mutate(body) : controller.validate(body);
    // Decisions from the cache are ready at once: answered on this thread, without the servlet's
    // asynchronous mode, whose set-up would cost more than the rest of such a request.
    AdmissionReply ready = reply.getNow(null);
    if (ready != null) {
      write(ctx, ready);
      return;
    }
    ctx.future(() -> reply.thenAccept(r -> write(ctx, r)));
  }

  private static void write(Context ctx, AdmissionReply r) {
    ctx.status(r.status()).contentType(r.contentType()).result(r.body());
  }

  /**
   * The request body. One with a declared length within the limit is read straight into an array of
   * that length (the API server always declares it); anything else goes through Javalin, which
   * enforces the limit with a 413.
   */
  private static byte[] body(Context ctx) throws IOException {
    long length = ctx.req().getContentLengthLong();
    if (length < 0 || length > ReviewCodec.MAX_BODY_BYTES) {
      return ctx.bodyAsBytes();
    }
    byte[] body = ctx.req().getInputStream().readNBytes((int) length);
    ctx.attribute(BODY, body);
    return body;
  }

  private static void ready(Context ctx, Readiness r) throws JsonProcessingException {
    ctx.status(r.ready() ? 200 : 503)
        .contentType("application/json")
        .result(JSON.writeValueAsBytes(r));
  }

  private void failed(Context ctx, Exception e, AdmissionController controller) {
    // The controller answers everything itself; this is the adapter's own last line. On the
    // admission routes it still denies with a reason (HTTP 200) instead of a bare 500.
    log.accept("request failed in the HTTP adapter: " + e);
    String path = ctx.path();
    if (path.equals("/validate") || path.equals("/mutate")) {
      byte[] body = ctx.attribute(BODY);
      if (body == null) {
        try {
          body = ctx.bodyAsBytes();
        } catch (RuntimeException unreadable) {
          body = new byte[0];
        }
      }
      AdmissionReply r = controller.failClosed(body, path.equals("/mutate"), e);
      ctx.status(r.status()).contentType(r.contentType()).result(r.body());
      return;
    }
    String message = String.valueOf(e.getMessage()).replace('"', '\'');
    ctx.status(500)
        .contentType("application/json")
        .result(
            "{\"error\":\"INTERNAL_ERROR\",\"message\":\""
                + e.getClass().getSimpleName()
                + ": "
                + message
                + "\"}");
  }

  private void reloadIfChanged(Settings s, String[] seen) {
    String now = fingerprint(s.certificate(), s.key());
    if (now.equals(seen[0])) {
      return;
    }
    try {
      PemKeyMaterial next = PemKeyMaterial.load(s.certificate(), s.key());
      tls.reload(
          f -> {
            f.setKeyStore(next.keyStore());
            f.setKeyStorePassword(next.password());
          });
      seen[0] = now;
      log.accept(
          "TLS certificate reloaded: "
              + next.leaf().getSubjectX500Principal().getName()
              + ", valid until "
              + next.leaf().getNotAfter().toInstant());
    } catch (Exception e) {
      // A half-written rotation (certificate without its key yet) is retried on the next check;
      // the current certificate keeps serving.
      log.accept("TLS certificate not reloaded, keeping the current one: " + e.getMessage());
    }
  }

  private static String fingerprint(Path... files) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (Path f : files) {
        try {
          md.update(Files.readAllBytes(f));
        } catch (IOException e) {
          md.update(("missing " + f).getBytes(StandardCharsets.UTF_8));
        }
      }
      return java.util.HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    certificateWatch.shutdownNow();
    app.stop();
  }
}
