package dev.countersign.verify.internal.registry;

import java.net.URI;
import java.util.Locale;

/** Registry names: how image references, Docker config keys and endpoints relate. */
public final class RegistryHosts {
  /** Docker Hub's name in image references. */
  public static final String DOCKER_HUB = "docker.io";

  /** Where Docker Hub's registry API is actually served. */
  static final String DOCKER_HUB_API = "registry-1.docker.io";

  private RegistryHosts() {}

  /**
   * The canonical registry name of a Docker config key or a reference's registry: scheme and path
   * stripped, lower-cased, and every Docker Hub alias ({@code https://index.docker.io/v1/}, {@code
   * index.docker.io}, {@code registry-1.docker.io}) folded into {@code docker.io}.
   */
  public static String normalize(String key) {
    String s = key.trim();
    int scheme = s.indexOf("://");
    if (scheme >= 0) {
      s = s.substring(scheme + 3);
    }
    int slash = s.indexOf('/');
    if (slash >= 0) {
      s = s.substring(0, slash);
    }
    s = s.toLowerCase(Locale.ROOT);
    if (s.equals("index.docker.io") || s.equals(DOCKER_HUB_API) || s.equals(DOCKER_HUB)) {
      return DOCKER_HUB;
    }
    return s;
  }

  /**
   * The base URI of a registry's API. Plain HTTP only for a registry the configuration marks
   * insecure; everything else is HTTPS, so credentials and tokens never travel in the clear.
   */
  static URI endpoint(String registry, boolean insecure) {
    String host = normalize(registry).equals(DOCKER_HUB) ? DOCKER_HUB_API : registry;
    return URI.create((insecure ? "http://" : "https://") + host);
  }

  /** Whether two URIs share scheme, host and port (the boundary credentials must not cross). */
  static boolean sameOrigin(URI a, URI b) {
    return a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost() != null
        && a.getHost().equalsIgnoreCase(b.getHost())
        && port(a) == port(b);
  }

  private static int port(URI u) {
    if (u.getPort() >= 0) {
      return u.getPort();
    }
    return "http".equalsIgnoreCase(u.getScheme()) ? 80 : 443;
  }
}
