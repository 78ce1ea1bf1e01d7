package dev.countersign.verify.oci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.verify.internal.json.Json;
import dev.countersign.verify.internal.json.JsonFormatException;
import dev.countersign.verify.internal.registry.RegistryHosts;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Credentials from a Docker {@code config.json} or a Kubernetes image pull secret.
 *
 * <p>Each {@code auths} entry may hold {@code auth} (base64 of {@code user:password}), {@code
 * username} and {@code password}, {@code identitytoken} (an OAuth2 refresh token, exchanged at the
 * registry's token service) or {@code registrytoken} (a bearer token sent as is). Keys are matched
 * by registry host: schemes and paths are ignored and every Docker Hub alias ({@code
 * https://index.docker.io/v1/}, {@code index.docker.io}, {@code registry-1.docker.io}) means {@code
 * docker.io}.
 *
 * <p>Credential helpers ({@code credHelpers}, {@code credsStore}) are never run: a verifier does
 * not execute programs named by a configuration file. A lookup for a registry whose credentials
 * live in a helper fails with {@link RegistryException.Kind#UNAUTHORIZED}, naming the helper, so
 * the verdict says why rather than failing later as an anonymous pull; {@link
 * #unsupportedHelpers()} lists them up front. Registries not mentioned are anonymous.
 */
public final class DockerConfigCredentials implements RegistryCredentials {
  /** Kubernetes limits a Secret to 1 MiB; a config file larger than this is not a config file. */
  private static final int MAX_CONFIG_BYTES = 4 * 1024 * 1024;

  private final Map<String, RegistryCredential> credentials;
  private final Map<String, String> helpers;

  private DockerConfigCredentials(
      Map<String, RegistryCredential> credentials, Map<String, String> helpers) {
    this.credentials = Map.copyOf(credentials);
    this.helpers = Map.copyOf(helpers);
  }

  /**
   * Reads a Docker {@code config.json}.
   *
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException if it is not a valid config (the message names the JSON path)
   */
  public static DockerConfigCredentials fromFile(Path file) throws IOException {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_CONFIG_BYTES + 1);
    }
    if (bytes.length > MAX_CONFIG_BYTES) {
      throw new IllegalArgumentException(file + ": larger than " + MAX_CONFIG_BYTES + " bytes");
    }
    try {
      return fromJson(bytes);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /** Parses Docker {@code config.json} content: {@code {"auths": {...}, "credHelpers": ...}}. */
  public static DockerConfigCredentials fromJson(byte[] json) {
    try {
      return parseConfig(Json.parseObject(json, "Docker config"));
    } catch (JsonFormatException e) {
      throw new IllegalArgumentException("invalid Docker config: " + e.getMessage(), e);
    }
  }

  /**
   * Parses the data of a Kubernetes pull secret: {@code .dockerconfigjson} (type {@code
   * kubernetes.io/dockerconfigjson}, the same shape as {@code config.json}) or the legacy {@code
   * .dockercfg} (type {@code kubernetes.io/dockercfg}, the {@code auths} map without its wrapper).
   * The value may be given decoded or still base64-encoded as it appears in the Secret manifest.
   */
  public static DockerConfigCredentials fromPullSecret(byte[] dockerconfigjsonOrDockercfg) {
    byte[] json = dockerconfigjsonOrDockercfg;
    if (!startsWithBrace(json)) {
      try {
        String text = new String(json, StandardCharsets.US_ASCII).replaceAll("\\s", "");
        json = Base64.getDecoder().decode(text);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "invalid pull secret: neither JSON nor base64-encoded JSON", e);
      }
    }
    try {
      JsonNode root = Json.parseObject(json, "pull secret");
      if (root.has("auths")) {
        return parseConfig(root);
      }
      Map<String, RegistryCredential> creds = new LinkedHashMap<>();
      parseAuths(root, "", creds, new LinkedHashMap<>(), null);
      return new DockerConfigCredentials(creds, Map.of());
    } catch (JsonFormatException e) {
      throw new IllegalArgumentException("invalid pull secret: " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<RegistryCredential> credentialFor(String registry) throws RegistryException {
    String host = RegistryHosts.normalize(registry);
    RegistryCredential c = credentials.get(host);
    if (c != null) {
      return Optional.of(c);
    }
    String helper = helpers.get(host);
    if (helper != null) {
      throw new RegistryException(
          RegistryException.Kind.UNAUTHORIZED,
          registry,
          "credentials for "
              + registry
              + " are delegated to docker-credential-"
              + helper
              + ", which Countersign does not run (no external programs); put them in auths"
              + " or use a pull secret");
    }
    return Optional.empty();
  }

  /** Registries whose credentials are delegated to a helper, with the helper's name. */
  public Map<String, String> unsupportedHelpers() {
    return helpers;
  }

  /** The registries (normalised host names) that have credentials. */
  public Set<String> registries() {
    return credentials.keySet();
  }

  private static DockerConfigCredentials parseConfig(JsonNode root) throws JsonFormatException {
    String store = Json.optionalString(root, "credsStore", "");
    Map<String, RegistryCredential> creds = new LinkedHashMap<>();
    Map<String, String> helpers = new LinkedHashMap<>();
    JsonNode auths = Json.optionalObject(root, "auths", "");
    if (auths != null) {
      parseAuths(auths, "auths", creds, helpers, store);
    }
    JsonNode credHelpers = Json.optionalObject(root, "credHelpers", "");
    if (credHelpers != null) {
      for (Iterator<Map.Entry<String, JsonNode>> it = credHelpers.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String path = Json.join("credHelpers", e.getKey());
        if (!e.getValue().isTextual()) {
          throw new JsonFormatException(path, "must be a string");
        }
        // A per-registry helper overrides auths in Docker; here it can only make the entry fail.
        String host = RegistryHosts.normalize(e.getKey());
        creds.remove(host);
        helpers.put(host, e.getValue().textValue());
      }
    }
    return new DockerConfigCredentials(creds, helpers);
  }

  /**
   * Reads a host-to-entry map. An entry without credentials means "stored in credsStore" when one
   * is configured, and anonymous otherwise.
   */
  private static void parseAuths(
      JsonNode auths,
      String path,
      Map<String, RegistryCredential> creds,
      Map<String, String> helpers,
      String store)
      throws JsonFormatException {
    for (Iterator<Map.Entry<String, JsonNode>> it = auths.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String at = Json.join(path, e.getKey());
      if (!e.getValue().isObject()) {
        throw new JsonFormatException(at, "must be an object");
      }
      String host = RegistryHosts.normalize(e.getKey());
      if (host.isEmpty()) {
        throw new JsonFormatException(at, "is not a registry host");
      }
      Optional<RegistryCredential> c = entry(e.getValue(), at);
      if (c.isPresent()) {
        // Several keys may name one registry (docker.io and https://index.docker.io/v1/); the
        // first with credentials wins, as in document order.
        creds.putIfAbsent(host, c.get());
      } else if (store != null && !store.isEmpty()) {
        helpers.putIfAbsent(host, store);
      }
    }
    creds.keySet().forEach(helpers::remove);
  }

  private static Optional<RegistryCredential> entry(JsonNode entry, String path)
      throws JsonFormatException {
    String registryToken = Json.optionalString(entry, "registrytoken", path);
    if (registryToken != null && !registryToken.isEmpty()) {
      return Optional.of(new RegistryCredential.BearerToken(registryToken, Optional.empty()));
    }
    String identityToken = Json.optionalString(entry, "identitytoken", path);
    if (identityToken != null && !identityToken.isEmpty()) {
      return Optional.of(new RegistryCredential.IdentityToken(identityToken));
    }
    String auth = Json.optionalString(entry, "auth", path);
    String user = Json.optionalString(entry, "username", path);
    String password = Json.optionalString(entry, "password", path);
    if (auth != null && !auth.isEmpty()) {
      String pair =
          new String(Json.base64(auth.trim(), Json.join(path, "auth")), StandardCharsets.UTF_8);
      int colon = pair.indexOf(':');
      if (colon <= 0) {
        throw new JsonFormatException(
            Json.join(path, "auth"), "must be base64 of username:password");
      }
      user = pair.substring(0, colon);
      password = pair.substring(colon + 1);
    }
    if (user == null || user.isEmpty()) {
      if (password != null && !password.isEmpty()) {
        throw new JsonFormatException(Json.join(path, "username"), "missing beside a password");
      }
      return Optional.empty();
    }
    if (password == null) {
      throw new JsonFormatException(Json.join(path, "password"), "missing beside a username");
    }
    return Optional.of(new RegistryCredential.Basic(user, password, Optional.empty()));
  }

  private static boolean startsWithBrace(byte[] bytes) {
    for (byte b : bytes) {
      if (b == '{') {
        return true;
      }
      if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
        return false;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "DockerConfigCredentials" + credentials.keySet();
  }
}
