package dev.countersign.benchmarks.admission;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * One persistent HTTP/1.1 connection over TLS, used by one thread at a time: a request is written
 * and its whole answer read before the next, as the API server's webhook client does on a
 * kept-alive connection. Answers with {@code Content-Length} and chunked answers are read; an
 * answer that asks to close the connection ({@code Connection: close}) marks it {@link #isOpen()
 * closed}; gzip is asked for and undone, as the API server's Go client does.
 *
 * <p>Written for the load driver instead of {@code java.net.http.HttpClient} so the driver's own
 * cost per request stays small and the number of connections equals the number of requests in
 * flight, which is what the latency numbers are about.
 */
final class HttpsConnection implements AutoCloseable {
  private static final int MAX_HEADER_LINE = 16 * 1024;
  private static final int MAX_BODY = 16 * 1024 * 1024;

  private final SSLSocket socket;
  private final InputStream in;
  private final OutputStream out;
  private final String hostHeader;
  private boolean open = true;

  private HttpsConnection(SSLSocket socket, String hostHeader) throws IOException {
    this.socket = socket;
    this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
    this.out = socket.getOutputStream();
    this.hostHeader = hostHeader;
  }

  /**
   * Connects and completes the TLS handshake.
   *
   * @param readTimeout how long one read may block: the API server's {@code timeoutSeconds}
   */
  static HttpsConnection open(SSLContext ssl, String host, int port, Duration readTimeout)
      throws IOException {
    SSLSocket s = (SSLSocket) ssl.getSocketFactory().createSocket();
    try {
      s.setTcpNoDelay(true);
      s.connect(new InetSocketAddress(host, port), (int) readTimeout.toMillis());
      s.setSoTimeout((int) readTimeout.toMillis());
      s.startHandshake();
      return new HttpsConnection(s, host + ":" + port);
    } catch (IOException | RuntimeException e) {
      s.close();
      throw e;
    }
  }

  /** Whether the connection can carry another request. */
  boolean isOpen() {
    return open && !socket.isClosed();
  }

  /** {@code POST path} with a JSON body; returns the status and the whole body. */
  Response post(String path, byte[] body) throws IOException {
    return exchange("POST", path, body);
  }

  /** {@code GET path}. */
  Response get(String path) throws IOException {
    return exchange("GET", path, null);
  }

  private Response exchange(String method, String path, byte[] body) throws IOException {
    StringBuilder head = new StringBuilder(160);
    head.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
    head.append("Host: ").append(hostHeader).append("\r\n");
    head.append("Accept: application/json, */*\r\n");
    // Go's HTTP client (the API server's) asks for gzip unless told not to.
    head.append("Accept-Encoding: gzip\r\n");
    if (body != null) {
      head.append("Content-Type: application/json\r\n");
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    head.append("\r\n");
    byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
    try {
      if (body == null) {
        out.write(headBytes);
      } else {
        // One write, so the request leaves in as few TLS records as possible.
        byte[] all = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        out.write(all);
      }
      out.flush();
      return readResponse();
    } catch (IOException | RuntimeException e) {
      open = false;
      throw e;
    }
  }

  private Response readResponse() throws IOException {
    String status = readLine();
    // "HTTP/1.1 200 OK"
    if (!status.startsWith("HTTP/1.") || status.length() < 12) {
      throw new IOException("not an HTTP/1.x status line: '" + status + "'");
    }
    int code;
    try {
      code = Integer.parseInt(status.substring(9, 12));
    } catch (NumberFormatException e) {
      throw new IOException("unreadable status line: '" + status + "'", e);
    }
    long length = -1;
    boolean chunked = false;
    boolean gzip = false;
    boolean close = status.startsWith("HTTP/1.0");
    for (String line = readLine(); !line.isEmpty(); line = readLine()) {
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new IOException("malformed header line: '" + line + "'");
      }
      String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).trim();
      switch (name) {
        case "content-length" -> length = Long.parseLong(value);
        case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
        case "connection" -> close = value.equalsIgnoreCase("close");
        case "content-encoding" -> gzip = value.equalsIgnoreCase("gzip");
        default -> {}
      }
    }
    byte[] body;
    if (chunked) {
      body = readChunked();
    } else if (length >= 0) {
      if (length > MAX_BODY) {
        throw new IOException("answer of " + length + " bytes is too large");
      }
      body = in.readNBytes((int) length);
      if (body.length != length) {
        throw new EOFException("connection closed after " + body.length + " of " + length);
      }
    } else {
      // No length and not chunked: the body runs to the end of the connection.
      body = in.readAllBytes();
      close = true;
    }
    if (close) {
      open = false;
      socket.close();
    }
    if (gzip) {
      try (InputStream unzip = new GZIPInputStream(new ByteArrayInputStream(body))) {
        body = unzip.readNBytes(MAX_BODY);
      }
    }
    return new Response(code, body);
  }

  private byte[] readChunked() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = readLine();
      int semicolon = sizeLine.indexOf(';');
      int size =
          Integer.parseInt(
              (semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim(), 16);
      if (size == 0) {
        // Trailers, then the empty line.
        while (!readLine().isEmpty()) {
          // skip
        }
        return body.toByteArray();
      }
      if (body.size() + size > MAX_BODY) {
        throw new IOException("chunked answer is too large");
      }
      byte[] chunk = in.readNBytes(size);
      if (chunk.length != size) {
        throw new EOFException("connection closed inside a chunk");
      }
      body.write(chunk);
      if (!readLine().isEmpty()) {
        throw new IOException("chunk not followed by CRLF");
      }
    }
  }

  private String readLine() throws IOException {
    StringBuilder b = new StringBuilder(64);
    while (true) {
      int c = in.read();
      if (c < 0) {
        throw new EOFException("connection closed by the server");
      }
      if (c == '\n') {
        int n = b.length();
        if (n > 0 && b.charAt(n - 1) == '\r') {
          b.setLength(n - 1);
        }
        return b.toString();
      }
      if (b.length() >= MAX_HEADER_LINE) {
        throw new IOException("header line longer than " + MAX_HEADER_LINE);
      }
      b.append((char) c);
    }
  }

  @Override
  public void close() {
    open = false;
    try {
      socket.close();
    } catch (IOException e) {
      // Closing: nothing left to do with it.
    }
  }

  /** A status and a body. */
  record Response(int status, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }
}
