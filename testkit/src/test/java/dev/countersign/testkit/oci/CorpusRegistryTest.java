package dev.countersign.testkit.oci;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.testkit.encoding.Json;
import dev.countersign.testkit.oci.layout.OciLayout;
import dev.countersign.testkit.oci.registry.RegistryProcess;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * The real cosign layers of the corpus, pushed byte for byte from their image layouts (read in
 * place), come back from a real registry under the same digests, and their signature still verifies
 * against the corpus key.
 */
class CorpusRegistryTest {
  private static final String DIR = "cosign-oci/local-registry-handcrafted/";
  private static final String IMAGE =
      "sha256:85361a205e006f37e75be934b9e5812569e8ea59095379e2b02bae4e3d6c09e9";
  private static final String SIGNATURE =
      "sha256:a5ec4a1c9a357f07014eca6c95935da9bdb7e27233388e4ab21c4009b86d881f";

  @Test
  void corpusLayersKeepTheirDigests() throws Exception {
    Path corpus = Corpus.require(DIR);
    try (RegistryProcess registry = RegistryProcess.start()) {
      OciContent image = OciLayout.read(corpus.resolve("image-oci-layout"));
      OciContent signature = OciLayout.read(corpus.resolve("signature-oci-layout"));
      registry.client().push("corpus/hello", image.plus(signature));

      HttpResponse<byte[]> byTag = PlainHttp.manifest(registry.baseUri(), "corpus/hello", "v1");
      assertThat(byTag.headers().firstValue("Docker-Content-Digest")).hasValue(IMAGE);
      assertThat(byTag.body()).isEqualTo(Files.readAllBytes(corpus.resolve("image-manifest.json")));
      HttpResponse<byte[]> sig =
          PlainHttp.manifest(
              registry.baseUri(), "corpus/hello", Digest.parse(IMAGE).signatureTag());
      assertThat(sig.headers().firstValue("Docker-Content-Digest")).hasValue(SIGNATURE);

      JsonNode layer = Json.parse(sig.body()).at("/layers/0");
      byte[] payload =
          PlainHttp.blob(registry.baseUri(), "corpus/hello", layer.path("digest").asText());
      byte[] signatureBytes =
          Base64.getDecoder()
              .decode(layer.at("/annotations/dev.cosignproject.cosign~1signature").asText());
      assertThat(
              PlainHttp.verify(
                  "SHA256withECDSA",
                  publicKey(corpus.resolve("cosign.pub")),
                  payload,
                  signatureBytes))
          .isTrue();
      assertThat(
              PlainHttp.verify(
                  "SHA256withECDSA",
                  publicKey(corpus.resolve("wrong.pub")),
                  payload,
                  signatureBytes))
          .isFalse();
    }
  }

  private static PublicKey publicKey(Path pem) throws Exception {
    String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return KeyFactory.getInstance("EC")
        .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
  }
}
