package dev.countersign.verify.oci;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A credential for one registry. */
public sealed interface RegistryCredential {

  /** User name and password (also used to obtain bearer tokens from a token service). */
  record Basic(String username, String password, Optional<Instant> expiresAt)
      implements RegistryCredential {
    public Basic {
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(password, "password");
      Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String toString() {
      return "Basic[" + username + ", <redacted>]";
    }
  }

  /** An OAuth2 refresh token (Docker {@code identitytoken}), exchanged at the token service. */
  record IdentityToken(String token) implements RegistryCredential {
    public IdentityToken {
      Objects.requireNonNull(token, "token");
    }

    @Override
    public String toString() {
      return "IdentityToken[<redacted>]";
    }
  }

  /** A ready bearer token (Docker {@code registrytoken}), sent as is. */
  record BearerToken(String token, Optional<Instant> expiresAt) implements RegistryCredential {
    public BearerToken {
      Objects.requireNonNull(token, "token");
      Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String toString() {
      return "BearerToken[<redacted>]";
    }
  }

  /** When the credential stops being usable, if it says. */
  default Optional<Instant> expiry() {
    if (this instanceof Basic) {
      return ((Basic) this).expiresAt();
    }
    if (this instanceof BearerToken) {
      return ((BearerToken) this).expiresAt();
    }
    return Optional.empty();
  }
}
