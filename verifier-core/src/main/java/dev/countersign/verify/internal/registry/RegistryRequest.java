package dev.countersign.verify.internal.registry;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * One logical request to a registry or its token service, before retries, redirects and
 * authentication are applied.
 *
 * @param registry the registry (host or host:port, as in image references) it is made for
 * @param operation what it is for: {@code manifest}, {@code blob}, {@code referrers}, {@code token}
 * @param method {@code GET} or {@code POST}
 * @param uri where to send it
 * @param headers extra headers (Accept, Content-Type)
 * @param form a form body for POST
 * @param bodyLimit the largest successful response body accepted
 * @param scope the token scope for registry authentication; empty for token requests
 * @param authorization a fixed Authorization header (token requests only)
 * @param location what is fetched, for error messages
 */
record RegistryRequest(
    String registry,
    String operation,
    String method,
    URI uri,
    Map<String, String> headers,
    Optional<String> form,
    long bodyLimit,
    Optional<String> scope,
    Optional<String> authorization,
    String location) {

  RegistryRequest {
    headers = Map.copyOf(headers);
  }

  /** A GET to the registry itself, authenticated for pulling {@code repository}. */
  static RegistryRequest registryGet(
      String registry,
      String operation,
      URI uri,
      String accept,
      long bodyLimit,
      String repository,
      String location) {
    return new RegistryRequest(
        registry,
        operation,
        "GET",
        uri,
        Map.of("Accept", accept),
        Optional.empty(),
        bodyLimit,
        Optional.of("repository:" + repository + ":pull"),
        Optional.empty(),
        location);
  }
}
