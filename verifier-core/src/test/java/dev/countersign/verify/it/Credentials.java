package dev.countersign.verify.it;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Registry credentials as users hand them over: a Docker config.json, a pull secret's data. */
final class Credentials {
  private Credentials() {}

  /** {@code {"auths":{"<registry>":{"auth":"base64(user:password)"}}}}, as docker login writes. */
  static String dockerConfig(String registry, String user, String password) {
    String auth =
        Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return "{\"auths\":{\"" + registry + "\":{\"auth\":\"" + auth + "\"}}}";
  }

  /**
   * The {@code .dockerconfigjson} value of a {@code kubernetes.io/dockerconfigjson} Secret as it
   * appears in the manifest: base64 of a config with username and password fields.
   */
  static byte[] pullSecretData(String registry, String user, String password) {
    String json =
        "{\"auths\":{\"http://"
            + registry
            + "\":{\"username\":\""
            + user
            + "\",\"password\":\""
            + password
            + "\"}}}";
    return Base64.getEncoder()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8))
        .getBytes(StandardCharsets.US_ASCII);
  }
}
