package dev.countersign.testkit.oci.registry;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.countersign.testkit.ca.CertificateExtensions;
import dev.countersign.testkit.ca.CertificateTemplate;
import dev.countersign.testkit.encoding.Json;
import dev.countersign.testkit.encoding.Pem;
import dev.countersign.testkit.keys.KeyAlgorithm;
import dev.countersign.testkit.keys.TestKeyPair;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * A Docker registry token server on loopback, for distribution's {@code auth.token} mode: {@code
 * GET /token?service=&scope=} with Basic credentials answers {@code {"token","access_token",
 * "expires_in","issued_at"}}, the token a JWT (ES256 or RS256) whose header names the signing key
 * by {@code x5c} (a self-signed certificate, also the registry's {@code rootcertbundle}) or by
 * {@code kid} (its libtrust key ID), with the claims distribution 2.8 checks: {@code iss}, {@code
 * sub}, {@code aud} (the service), {@code exp}, {@code nbf}, {@code iat}, {@code jti} and {@code
 * access}.
 *
 * <p>Each user is granted the intersection of the actions asked for and the actions allowed to
 * them. Token times come from the given clock (default: the system clock), because a real registry
 * process checks them against its own.
 */
public final class TokenServer implements AutoCloseable {
  static {
    LoopbackHttp.configure();
  }

  /** How the token header identifies the signing key. */
  public enum KeyReference {
    /** {@code x5c}: the certificate, verified against the registry's root bundle. */
    X5C,
    /** {@code kid}: the libtrust ID of a key in the registry's root bundle. */
    KID
  }

  private final Builder config;
  private final TestKeyPair key;
  private final X509Certificate certificate;
  private final HttpServer server;
  private final ExecutorService executor;
  private final AtomicInteger issued = new AtomicInteger();
  private final AtomicInteger refused = new AtomicInteger();

  private TokenServer(Builder config) throws IOException {
    this.config = config;
    this.key = TestKeyPair.generate(config.keyAlgorithm);
    Instant now = config.clock.instant();
    X500Name name = new X500Name("CN=countersign test token issuer");
    this.certificate =
        new CertificateTemplate(
                CertificateTemplate.randomSerial(),
                name,
                name,
                now.minus(Duration.ofHours(1)),
                now.plus(Duration.ofDays(2)),
                key.publicKey(),
                List.of(
                    CertificateExtensions.keyUsage(
                        KeyUsage.digitalSignature | KeyUsage.keyCertSign),
                    CertificateExtensions.basicConstraints(true, 0)))
            .sign(key);
    this.executor = Executors.newCachedThreadPool(Forwarder.daemonThreads("token-server"));
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/token", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /** A builder: ES256, {@code x5c}, service {@code countersign-test-registry}, 5 minute tokens. */
  public static Builder builder() {
    return new Builder();
  }

  /** The {@code realm} the registry sends clients to. */
  public URI realm() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/token");
  }

  /** The {@code service} (and token audience). */
  public String service() {
    return config.service;
  }

  /** The {@code iss} of every token. */
  public String issuer() {
    return config.issuer;
  }

  /** The signing certificate, which the registry must trust. */
  public X509Certificate certificate() {
    return certificate;
  }

  /** {@link #certificate} as PEM, the registry's {@code rootcertbundle}. */
  public String rootCertificatePem() {
    return Pem.certificate(certificate);
  }

  /** Tokens issued so far. */
  public int tokensIssued() {
    return issued.get();
  }

  /** Token requests refused (no or wrong credentials, wrong service). */
  public int requestsRefused() {
    return refused.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Map<String, List<String>> query = Query.parse(exchange.getRequestURI().getRawQuery());
      String user = authenticatedUser(exchange.getRequestHeaders().getFirst("Authorization"));
      if (user == null) {
        refused.incrementAndGet();
        exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"countersign-token\"");
        exchange.sendResponseHeaders(401, -1);
        return;
      }
      List<String> service = query.getOrDefault("service", List.of());
      if (!service.isEmpty() && !service.get(0).equals(config.service)) {
        refused.incrementAndGet();
        exchange.sendResponseHeaders(400, -1);
        return;
      }
      String token = token(user, query.getOrDefault("scope", List.of()));
      issued.incrementAndGet();
      ObjectNode body = Json.object();
      body.put("token", token);
      body.put("access_token", token);
      body.put("expires_in", config.lifetime.toSeconds());
      body.put("issued_at", config.clock.instant().toString());
      byte[] bytes = Json.compact(body).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, bytes.length);
      exchange.getResponseBody().write(bytes);
    }
  }

  private String authenticatedUser(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    String pair =
        new String(
            Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
    int colon = pair.indexOf(':');
    if (colon < 0) {
      return null;
    }
    String user = pair.substring(0, colon);
    String password = config.passwords.get(user);
    return password != null && password.equals(pair.substring(colon + 1)) ? user : null;
  }

  private String token(String user, List<String> scopes) {
    ObjectNode header = Json.object();
    header.put("typ", "JWT");
    header.put("alg", RegistryJwt.algorithm(key));
    if (config.keyReference == KeyReference.X5C) {
      try {
        header.putArray("x5c").add(Base64.getEncoder().encodeToString(certificate.getEncoded()));
      } catch (CertificateEncodingException e) {
        throw new IllegalStateException(e);
      }
    } else {
      header.put("kid", RegistryJwt.libtrustKeyId(key));
    }
    long now = config.clock.instant().getEpochSecond();
    ObjectNode claims = Json.object();
    claims.put("iss", config.issuer);
    claims.put("sub", user);
    claims.put("aud", config.service);
    claims.put("exp", now + config.lifetime.toSeconds());
    claims.put("nbf", now - 1);
    claims.put("iat", now);
    claims.put("jti", UUID.randomUUID().toString());
    ArrayNode access = claims.putArray("access");
    Set<String> allowed = config.actions.get(user);
    for (String scope : scopes) {
      // type:name:actions, where only the name may itself contain colons (a registry host:port).
      int first = scope.indexOf(':');
      int last = scope.lastIndexOf(':');
      if (first < 0 || last == first) {
        continue;
      }
      ObjectNode entry = access.addObject();
      entry.put("type", scope.substring(0, first));
      entry.put("name", scope.substring(first + 1, last));
      ArrayNode actions = entry.putArray("actions");
      for (String action : scope.substring(last + 1).split(",")) {
        if (allowed.contains(action) || allowed.contains("*")) {
          actions.add(action);
        }
      }
    }
    return RegistryJwt.sign(header, claims, key);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  /** Configures a {@link TokenServer}. */
  public static final class Builder {
    private final Map<String, String> passwords = new LinkedHashMap<>();
    private final Map<String, Set<String>> actions = new LinkedHashMap<>();
    private KeyAlgorithm keyAlgorithm = KeyAlgorithm.ECDSA_P256;
    private KeyReference keyReference = KeyReference.X5C;
    private String service = "countersign-test-registry";
    private String issuer = "countersign-test-token-issuer";
    private Duration lifetime = Duration.ofMinutes(5);
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** A user allowed to pull and push. */
    public Builder user(String name, String password) {
      return user(name, password, Set.of("pull", "push"));
    }

    /** A user allowed {@code allowedActions} ({@code *}: everything). */
    public Builder user(String name, String password, Set<String> allowedActions) {
      passwords.put(name, password);
      actions.put(name, Set.copyOf(allowedActions));
      return this;
    }

    /** Signs with ECDSA P-256 (ES256, the default) or RSA (RS256). */
    public Builder keyAlgorithm(KeyAlgorithm value) {
      if (value != KeyAlgorithm.ECDSA_P256 && !value.isRsa()) {
        throw new IllegalArgumentException("distribution accepts ES256 or RS256 tokens");
      }
      this.keyAlgorithm = value;
      return this;
    }

    /** How tokens name their key. */
    public Builder keyReference(KeyReference value) {
      this.keyReference = value;
      return this;
    }

    /** The service name, which is also the audience. */
    public Builder service(String value) {
      this.service = value;
      return this;
    }

    /** The issuer. */
    public Builder issuer(String value) {
      this.issuer = value;
      return this;
    }

    /** Token lifetime. */
    public Builder lifetime(Duration value) {
      this.lifetime = value;
      return this;
    }

    /** The clock token times are read from. */
    public Builder clock(Clock value) {
      this.clock = value;
      return this;
    }

    /** The configured users, name to password. */
    Map<String, String> users() {
      return Collections.unmodifiableMap(new LinkedHashMap<>(passwords));
    }

    /** Starts the server on a free loopback port. */
    public TokenServer start() {
      try {
        return new TokenServer(this);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
