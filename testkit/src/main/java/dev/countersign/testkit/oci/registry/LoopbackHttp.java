package dev.countersign.testkit.oci.registry;

/**
 * Settings for the JDK HTTP servers the testkit runs on loopback. Without TCP_NODELAY their small
 * responses wait on Nagle's algorithm and delayed ACKs (about 40 ms each), which would dominate any
 * latency measured through them.
 */
final class LoopbackHttp {
  private LoopbackHttp() {}

  /** Call before the first {@code HttpServer.create}: the JDK reads the property once. */
  static void configure() {
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }
}
