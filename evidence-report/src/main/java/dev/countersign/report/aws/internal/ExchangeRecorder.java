package dev.countersign.report.aws.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Keeps the raw bytes of each attempt's request and response for calls that ask for it (through the
 * {@link #CAPTURE} execution attribute), so the evidence is what AWS sent, not the SDK's
 * re-serialisation of it. Calls without the attribute (S3 object downloads) stream untouched.
 */
public final class ExchangeRecorder implements ExecutionInterceptor {
  public static final ExecutionAttribute<CapturedExchange> CAPTURE =
      new ExecutionAttribute<>("countersign.capturedExchange");

  /** Larger answers are not plausible for these APIs and are not held in memory. */
  private static final int MAX_CAPTURED_BYTES = 64 * 1024 * 1024;

  @Override
  public void beforeTransmission(
      Context.BeforeTransmission context, ExecutionAttributes attributes) {
    CapturedExchange capture = attributes.getAttribute(CAPTURE);
    if (capture == null) {
      return;
    }
    byte[] body = new byte[0];
    if (context.requestBody().isPresent()) {
      try (InputStream in = context.requestBody().get().contentStreamProvider().newStream()) {
        body = in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    capture.request(context.httpRequest().getUri().toString(), body);
  }

  @Override
  public Optional<InputStream> modifyHttpResponseContent(
      Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
    CapturedExchange capture = attributes.getAttribute(CAPTURE);
    Optional<InputStream> body = context.responseBody();
    if (capture == null || body.isEmpty()) {
      return body;
    }
    byte[] bytes;
    try (InputStream in = body.get()) {
      bytes = in.readNBytes(MAX_CAPTURED_BYTES + 1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (bytes.length > MAX_CAPTURED_BYTES) {
      throw new UncheckedIOException(
          new IOException("AWS response larger than " + MAX_CAPTURED_BYTES + " bytes"));
    }
    String requestId =
        context
            .httpResponse()
            .firstMatchingHeader("x-amzn-RequestId")
            .or(() -> context.httpResponse().firstMatchingHeader("x-amz-request-id"))
            .orElse(null);
    capture.response(context.httpResponse().statusCode(), bytes, requestId);
    return Optional.of(new ByteArrayInputStream(bytes));
  }
}
