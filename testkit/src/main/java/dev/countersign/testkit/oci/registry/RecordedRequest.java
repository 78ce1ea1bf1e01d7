package dev.countersign.testkit.oci.registry;

/**
 * A request a proxy received.
 *
 * @param method the HTTP method
 * @param path the request path
 * @param query the raw query, or null
 * @param authorized true when it carried an {@code Authorization} header
 */
public record RecordedRequest(String method, String path, String query, boolean authorized) {}
