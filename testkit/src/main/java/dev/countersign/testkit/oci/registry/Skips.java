package dev.countersign.testkit.oci.registry;

/**
 * Turns "this environment cannot run the test" into a JUnit skip without a compile-time JUnit
 * dependency (the testkit's main code has none): JUnit 5's assumptions throw opentest4j's {@code
 * TestAbortedException}, so this throws the same when it is on the class path, and an {@link
 * IllegalStateException} elsewhere.
 */
final class Skips {
  private Skips() {}

  static RuntimeException abort(String message) {
    try {
      Class<?> aborted = Class.forName("org.opentest4j.TestAbortedException");
      return (RuntimeException) aborted.getConstructor(String.class).newInstance(message);
    } catch (ReflectiveOperationException | ClassCastException e) {
      return new IllegalStateException(message);
    }
  }
}
