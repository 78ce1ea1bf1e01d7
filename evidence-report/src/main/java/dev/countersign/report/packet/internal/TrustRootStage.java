package dev.countersign.report.packet.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.verify.trust.TrustRoot;
import dev.countersign.verify.trust.TrustRoots;
import dev.countersign.verify.trust.TrustedService;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The trust roots used for verification: an index of every root with the certificate authorities,
 * logs and timestamp authorities it trusts and their validity periods, and each root's file as it
 * was read, where it was read from a file.
 */
public final class TrustRootStage {
  public static final String DIR = "evidence/trust-roots";
  public static final String INDEX = DIR + "/index.json";

  private final PacketFiles files;

  public TrustRootStage(PacketFiles files) {
    this.files = files;
  }

  public void run(List<TrustRoot> roots) throws IOException {
    ObjectNode index = PacketJson.object();
    ArrayNode list = index.putArray("trustRoots");
    for (TrustRoot r : roots) {
      ObjectNode o = list.addObject();
      o.put("name", r.name());
      o.put("revision", r.revision());
      o.put("source", r.source());
      ArrayNode services = o.putArray("services");
      for (TrustedService s : r.services()) {
        services
            .addObject()
            .put("kind", s.kind().name())
            .put("uri", s.uri())
            .put("identity", s.identity())
            .put("validFrom", s.validFrom().map(Instant::toString).orElse(""))
            .put("validUntil", s.validUntil().map(Instant::toString).orElse(""));
      }
      byte[] content = rootBytes(r);
      if (content != null) {
        String path = DIR + "/" + Names.segment(r.name()) + ".json";
        files.write(path, content);
        o.put("file", path);
        files
            .registry()
            .add(
                path,
                "application/json",
                "Trust root " + r.name() + " (" + r.revision() + ") as used for verification.",
                "",
                "trust.roots");
      }
    }
    files.writeJson(INDEX, index);
    files
        .registry()
        .add(
            INDEX,
            "application/json",
            "The trust roots used: name, revision, source, and every certificate authority, log and"
                + " timestamp authority they trust with validity periods.",
            "",
            "trust.roots");
  }

  /**
   * The root's content as read: the bundled public-good root, or the file (or the folder's {@code
   * trusted_root.json}) it was loaded from; null when it came from nowhere the packet can copy.
   */
  private static byte[] rootBytes(TrustRoot r) throws IOException {
    if (r.name().equals(TrustRoots.PUBLIC_GOOD)) {
      try (InputStream in = TrustRoots.class.getResourceAsStream(TrustRoots.PUBLIC_GOOD_RESOURCE)) {
        if (in != null) {
          return in.readAllBytes();
        }
      }
    }
    Path p;
    try {
      p = Path.of(r.source());
    } catch (InvalidPathException e) {
      // a root loaded from somewhere that is not a file (a resource, a mirror URL)
      return null;
    }
    if (Files.isRegularFile(p)) {
      return Files.readAllBytes(p);
    }
    Path inside = p.resolve("trusted_root.json");
    if (Files.isDirectory(p) && Files.isRegularFile(inside)) {
      return Files.readAllBytes(inside);
    }
    return null;
  }
}
