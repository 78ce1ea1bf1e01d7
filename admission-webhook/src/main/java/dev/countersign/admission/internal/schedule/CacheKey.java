package dev.countersign.admission.internal.schedule;

/**
 * What a cached decision is valid for.
 *
 * <p>Pinned images are keyed by their digest reference. An image named by tag is keyed by the tag
 * reference itself, not by the digest it resolved to: finding the digest first would cost a
 * registry round trip on every admission, which is what the cache exists to avoid. Because a tag
 * can move, such entries live only {@code tagCacheTtl} (seconds, not minutes); a digest a tag
 * resolved to is what {@code /mutate} pins, so a pinned workload is judged by digest thereafter.
 *
 * @param scope the policy revision and trust-root revisions ({@code ActiveVerifier#cacheScope})
 * @param reference the normalised image reference
 * @param pinned whether the reference names a digest
 */
record CacheKey(String scope, String reference, boolean pinned) {}
