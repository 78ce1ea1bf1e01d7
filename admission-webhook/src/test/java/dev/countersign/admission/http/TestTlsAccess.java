package dev.countersign.admission.http;

import java.nio.file.Path;

/** {@link TestTls} for tests in other packages. */
public final class TestTlsAccess {
  private final TestTls tls;

  private TestTlsAccess(TestTls tls) {
    this.tls = tls;
  }

  public static TestTlsAccess ec() {
    return new TestTlsAccess(TestTls.ec());
  }

  public Path writeCertificate(Path file) {
    return tls.writeCertificate(file);
  }

  /** The key in PKCS#8 ({@code BEGIN PRIVATE KEY}). */
  public Path writeKey(Path file) {
    return tls.writeKey(file, TestTls.KeyFormat.PKCS8);
  }
}
