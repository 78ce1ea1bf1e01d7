package dev.countersign.admission.internal.extract;

/**
 * Something about the object that stops its images from being checked; it denies the request.
 *
 * @param fieldPath where, e.g. {@code spec.template.spec}
 * @param detail what, for people
 */
public record Problem(String fieldPath, String detail) {}
