package dev.countersign.testkit.oci.registry;

import java.security.SecureRandom;
import java.util.Map;
import java.util.stream.Collectors;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * htpasswd files in the only format distribution accepts: bcrypt ({@code $2y$}).
 *
 * <p>Cost 4, bcrypt's minimum: distribution checks the password on every request, and a throw-away
 * test registry gains nothing from a slower hash.
 */
public final class Htpasswd {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int COST = 4;

  private Htpasswd() {}

  /** One {@code user:$2y$04$...} line. */
  public static String line(String user, String password) {
    if (user.contains(":")) {
      throw new IllegalArgumentException("htpasswd user names cannot contain ':'");
    }
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    return user + ":" + OpenBSDBCrypt.generate("2y", password.toCharArray(), salt, COST);
  }

  /** A file with one line per user, newline-terminated. */
  public static String file(Map<String, String> users) {
    return users.entrySet().stream()
        .map(e -> line(e.getKey(), e.getValue()) + "\n")
        .collect(Collectors.joining());
  }
}
