package dev.countersign.testkit.oci;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.testkit.encoding.Bytes;
import dev.countersign.testkit.encoding.Json;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Generates small, distinct, well-formed images: a config and one or more gzip tar layers, each
 * layer a single file of random bytes. Seeded generators repeat their images exactly.
 */
public final class RandomImages {
  private static final String EPOCH = "1970-01-01T00:00:00Z";

  private final Random random;

  private RandomImages(Random random) {
    this.random = random;
  }

  /** A generator whose images are fresh on every run. */
  public static RandomImages create() {
    return new RandomImages(new Random(new SecureRandom().nextLong()));
  }

  /** A generator that produces the same images for the same seed. */
  public static RandomImages seeded(long seed) {
    return new RandomImages(new Random(seed));
  }

  /** A one-layer OCI image for {@code platform}. */
  public Image image(Platform platform) {
    return image(platform, 1, ManifestFormat.OCI);
  }

  /** An image with {@code layerCount} layers in {@code format}. */
  public synchronized Image image(Platform platform, int layerCount, ManifestFormat format) {
    if (layerCount < 1) {
      throw new IllegalArgumentException("an image has at least one layer");
    }
    List<Blob> layers = new ArrayList<>();
    List<String> diffIds = new ArrayList<>();
    for (int i = 0; i < layerCount; i++) {
      byte[] file = new byte[64 + random.nextInt(448)];
      random.nextBytes(file);
      String name = "countersign/" + HexFormat.of().formatHex(file, 0, 8) + ".bin";
      byte[] tar = TarGz.tar(name, file);
      diffIds.add(Digest.sha256(tar).toString());
      layers.add(new Blob(format.layerMediaType(), Bytes.of(TarGz.gzip(tar))));
    }
    Blob config = new Blob(format.configMediaType(), config(platform, diffIds));
    Manifest manifest =
        ImageManifest.of(
                format.manifestMediaType(),
                config.descriptor(),
                layers.stream().map(Blob::descriptor).toList())
            .serialize(JsonStyle.GO);
    return new Image(manifest, config, layers, platform);
  }

  /** One single-layer image per platform and the index (or manifest list) listing them. */
  public MultiArchImage multiArch(ManifestFormat format, Platform... platforms) {
    List<Image> images = new ArrayList<>();
    for (Platform platform : platforms) {
      images.add(image(platform, 1, format));
    }
    Manifest index =
        ImageIndex.of(
                format.indexMediaType(),
                images.stream().map(i -> i.descriptor().withPlatform(i.platform())).toList())
            .serialize(JsonStyle.GO);
    return new MultiArchImage(index, images);
  }

  /** The config in go-containerregistry's member order; times are the epoch, not the clock. */
  private static Bytes config(Platform platform, List<String> diffIds) {
    ObjectNode config = Json.object();
    config.put("architecture", platform.architecture());
    config.put("created", EPOCH);
    var history = config.putArray("history");
    for (int i = 0; i < diffIds.size(); i++) {
      history.addObject().put("created", EPOCH).put("created_by", "countersign testkit layer " + i);
    }
    config.put("os", platform.os());
    ObjectNode rootfs = config.putObject("rootfs");
    rootfs.put("type", "layers");
    var ids = rootfs.putArray("diff_ids");
    diffIds.forEach(ids::add);
    config.putObject("config").putArray("Env").add("PATH=/usr/local/bin:/usr/bin:/bin");
    if (platform.variant() != null) {
      config.put("variant", platform.variant());
    }
    return OciJson.write(config, JsonStyle.GO);
  }
}
