package dev.countersign.testkit.oci.registry;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** How a {@link RegistryProcess} authenticates clients. */
public sealed interface RegistryAuth {

  /** No authentication: anyone may pull and push. */
  static RegistryAuth anonymous() {
    return new Anonymous();
  }

  /** {@code auth.htpasswd}: Basic credentials checked against a bcrypt htpasswd file. */
  static RegistryAuth htpasswd(Map<String, String> users) {
    return new HtpasswdUsers(users);
  }

  /**
   * {@code auth.token}: the Docker token flow against a {@link TokenServer} that the registry
   * process starts and stops, with these users allowed to pull and push.
   */
  static RegistryAuth token(Map<String, String> users) {
    TokenServer.Builder builder = TokenServer.builder();
    users.forEach(builder::user);
    return new Token(builder);
  }

  /** {@code auth.token} against a token server configured by {@code builder}. */
  static RegistryAuth token(TokenServer.Builder builder) {
    return new Token(Objects.requireNonNull(builder));
  }

  /** The users a default client of this registry may sign in as, name to password. */
  Map<String, String> users();

  /** No authentication. */
  record Anonymous() implements RegistryAuth {
    @Override
    public Map<String, String> users() {
      return Map.of();
    }
  }

  /**
   * Basic authentication.
   *
   * @param users name to password, in order
   */
  record HtpasswdUsers(Map<String, String> users) implements RegistryAuth {
    public HtpasswdUsers {
      users = Collections.unmodifiableMap(new LinkedHashMap<>(users));
    }
  }

  /**
   * Token authentication.
   *
   * @param server the token server's configuration
   */
  record Token(TokenServer.Builder server) implements RegistryAuth {
    @Override
    public Map<String, String> users() {
      return server.users();
    }
  }
}
