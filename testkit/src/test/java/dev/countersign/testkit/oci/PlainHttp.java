package dev.countersign.testkit.oci;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;

/**
 * Reads a registry with bare {@code java.net.http} and checks signatures with bare JCA, so the
 * tests do not trust the code they test.
 */
final class PlainHttp {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private PlainHttp() {}

  static HttpResponse<byte[]> get(URI base, String path, String accept) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20));
    if (accept != null) {
      request.header("Accept", accept);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  static HttpResponse<byte[]> manifest(URI base, String repository, String reference)
      throws Exception {
    return get(
        base,
        "/v2/" + repository + "/manifests/" + reference,
        String.join(
            ",",
            MediaTypes.OCI_MANIFEST,
            MediaTypes.OCI_INDEX,
            MediaTypes.DOCKER_MANIFEST,
            MediaTypes.DOCKER_MANIFEST_LIST));
  }

  static byte[] blob(URI base, String repository, String digest) throws Exception {
    HttpResponse<byte[]> response = get(base, "/v2/" + repository + "/blobs/" + digest, null);
    if (response.statusCode() != 200) {
      throw new AssertionError("blob " + digest + ": HTTP " + response.statusCode());
    }
    return response.body();
  }

  static X509Certificate certificate(String pem) throws Exception {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
  }

  static boolean verify(String algorithm, PublicKey key, byte[] message, byte[] signature)
      throws Exception {
    Signature verifier = Signature.getInstance(algorithm);
    verifier.initVerify(key);
    verifier.update(message);
    return verifier.verify(signature);
  }
}
