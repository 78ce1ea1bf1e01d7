package dev.countersign.report.aws.internal;

import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Takes a token before every HTTP attempt, retries included: the SDK retries inside the client, and
 * a retry counts against the service's request quota like any other request.
 */
public final class RateLimitInterceptor implements ExecutionInterceptor {
  private final RateLimiter limiter;

  public RateLimitInterceptor(RateLimiter limiter) {
    this.limiter = limiter;
  }

  @Override
  public void beforeTransmission(
      Context.BeforeTransmission context, ExecutionAttributes attributes) {
    try {
      limiter.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw AbortedException.builder().message("interrupted while rate limited").cause(e).build();
    }
  }
}
