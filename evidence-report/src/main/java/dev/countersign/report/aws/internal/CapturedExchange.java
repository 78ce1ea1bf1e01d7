package dev.countersign.report.aws.internal;

import dev.countersign.report.aws.Query;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * The last HTTP exchange of one SDK call, filled in by {@link ExchangeRecorder}: the request body
 * as sent, the endpoint, and the response body as received.
 */
public final class CapturedExchange {
  private volatile String endpoint = "";
  private volatile byte[] requestBody = new byte[0];
  private volatile int status;
  private volatile byte[] responseBody;
  private volatile String requestId;

  void request(String endpoint, byte[] body) {
    this.endpoint = endpoint;
    this.requestBody = body;
  }

  void response(int status, byte[] body, String requestId) {
    this.status = status;
    this.responseBody = body;
    this.requestId = requestId;
  }

  public String endpoint() {
    return endpoint;
  }

  public byte[] requestBody() {
    return requestBody;
  }

  public int status() {
    return status;
  }

  /** The body of the last response received, if one was. */
  public Optional<byte[]> responseBody() {
    return Optional.ofNullable(responseBody);
  }

  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }

  /** What was asked in this exchange, as a packet records it beside the answer. */
  public Query query(String service, String operation, String region, String account, Instant at) {
    return new Query(
        service,
        operation,
        new String(requestBody, StandardCharsets.UTF_8),
        region,
        endpoint,
        account,
        at,
        requestId());
  }
}
