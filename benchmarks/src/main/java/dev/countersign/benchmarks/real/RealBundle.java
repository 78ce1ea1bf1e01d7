package dev.countersign.benchmarks.real;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * A bundle published on Maven Central beside its artifact, with the signer its release workflow
 * certifies. The files are packaged into the benchmark jar by the build; {@code real-bundles.tsv}
 * lists them.
 *
 * @param name the artifact's file name
 * @param json the bundle
 * @param sha256 the artifact's SHA-256 digest
 * @param subjectAlternativeName the expected certificate SAN
 * @param issuer the expected OIDC issuer
 */
public record RealBundle(
    String name, byte[] json, byte[] sha256, String subjectAlternativeName, String issuer) {

  private static final String INDEX = "/dev/countersign/benchmarks/real-bundles.tsv";
  private static final String DIR = "/dev/countersign/benchmarks/real/";

  /** Every bundle the index lists. */
  public static List<RealBundle> loadAll() throws IOException {
    List<RealBundle> out = new ArrayList<>();
    for (String line : lines(INDEX)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t");
      if (f.length != 3) {
        throw new IOException(INDEX + ": expected 3 columns: " + line);
      }
      out.add(new RealBundle(f[0], resource(f[0] + ".sigstore.json"), sha256(f[0]), f[1], f[2]));
    }
    if (out.isEmpty()) {
      throw new IOException(INDEX + " lists no bundles");
    }
    return out;
  }

  private static List<String> lines(String path) throws IOException {
    try (InputStream in = open(path);
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      List<String> lines = new ArrayList<>();
      for (String l = r.readLine(); l != null; l = r.readLine()) {
        lines.add(l);
      }
      return lines;
    }
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = open(DIR + name)) {
      return in.readAllBytes();
    }
  }

  private static byte[] sha256(String name) throws IOException {
    try {
      return MessageDigest.getInstance("SHA-256").digest(resource(name));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static InputStream open(String path) throws IOException {
    InputStream in = RealBundle.class.getResourceAsStream(path);
    if (in == null) {
      throw new IOException(path + " is not on the classpath; build the benchmarks module");
    }
    return in;
  }
}
