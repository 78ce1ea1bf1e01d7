package dev.countersign.verify.internal.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.ResponseInfo;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads a response body into memory, never more than a limit. A successful response whose
 * Content-Length exceeds the limit is refused before a byte of the body is read; one that streams
 * past the limit is cut off there. Either fails with {@link TooLarge}. Error and redirect bodies
 * are only diagnostics: they are truncated quietly at {@link #OTHER_BODY_LIMIT}.
 */
final class BoundedBody implements BodyHandler<byte[]> {
  static final int OTHER_BODY_LIMIT = 64 * 1024;

  private final long successLimit;
  private final AtomicInteger status = new AtomicInteger(-1);
  private volatile Subscriber subscriber;

  BoundedBody(long successLimit) {
    this.successLimit = successLimit;
  }

  /** The status of the response, or -1 while no response has arrived. */
  int status() {
    return status.get();
  }

  /** Stops reading (the exchange timed out). */
  void abort() {
    Subscriber s = subscriber;
    if (s != null) {
      s.abort();
    }
  }

  @Override
  public BodySubscriber<byte[]> apply(ResponseInfo info) {
    status.set(info.statusCode());
    boolean success = info.statusCode() >= 200 && info.statusCode() < 300;
    long limit = success ? successLimit : OTHER_BODY_LIMIT;
    OptionalLong declared = contentLength(info);
    boolean refuse = success && declared.isPresent() && declared.getAsLong() > limit;
    long initial = Math.min(limit, Math.min(declared.orElse(8192), 1 << 20));
    Subscriber s = new Subscriber(limit, !success, refuse ? declared.getAsLong() : -1, initial);
    subscriber = s;
    return s;
  }

  private static OptionalLong contentLength(ResponseInfo info) {
    try {
      return info.headers().firstValueAsLong("Content-Length");
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /** Content larger than the limit. */
  static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    TooLarge(String message) {
      super(message);
    }
  }

  private static final class Subscriber implements BodySubscriber<byte[]> {
    private final long limit;
    private final boolean truncate;
    private final long refusedLength;
    private final ByteArrayOutputStream buffer;
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private volatile Flow.Subscription subscription;

    Subscriber(long limit, boolean truncate, long refusedLength, long initialCapacity) {
      this.limit = limit;
      this.truncate = truncate;
      this.refusedLength = refusedLength;
      this.buffer = new ByteArrayOutputStream((int) Math.max(0, initialCapacity));
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      if (refusedLength >= 0) {
        s.cancel();
        body.completeExceptionally(
            new TooLarge(
                "Content-Length " + refusedLength + " exceeds the limit of " + limit + " bytes"));
        return;
      }
      // One chunk at a time: the client buffers no more than we have agreed to take.
      s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      if (body.isDone()) {
        return;
      }
      for (ByteBuffer b : items) {
        int n = b.remaining();
        if (buffer.size() + (long) n > limit) {
          subscription.cancel();
          if (truncate) {
            byte[] part = new byte[(int) (limit - buffer.size())];
            b.get(part);
            buffer.writeBytes(part);
            body.complete(buffer.toByteArray());
          } else {
            body.completeExceptionally(
                new TooLarge("the body exceeds the limit of " + limit + " bytes"));
          }
          return;
        }
        byte[] chunk = new byte[n];
        b.get(chunk);
        buffer.writeBytes(chunk);
      }
      subscription.request(1);
    }

    @Override
    public void onError(Throwable t) {
      body.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      body.complete(buffer.toByteArray());
    }

    void abort() {
      Flow.Subscription s = subscription;
      if (s != null) {
        s.cancel();
      }
      body.completeExceptionally(new IOException("aborted"));
    }
  }
}
