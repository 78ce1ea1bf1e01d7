package dev.countersign.admission.kubernetes;

import dev.countersign.admission.AdmissionDecision;
import dev.countersign.admission.AdmissionOutcome;
import dev.countersign.admission.AdmissionRequest;
import dev.countersign.admission.DecisionListener;
import dev.countersign.admission.config.ConfigException;
import dev.countersign.admission.config.ReloadListener;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Posts Kubernetes Events (core/v1) so people see why something was refused where they look: {@code
 * kubectl describe} of the workload shows {@code ImageVerificationDenied} (or {@code
 * ImageVerificationWarning}) with the denial lines, and a refused configuration reload shows as
 * {@code ConfigReloadRefused} on the webhook's own pod.
 *
 * <p>Events are a side effect, so dry-run requests post none. They are sent from one background
 * thread with a bounded queue: the API server being slow never slows an admission, and when the
 * queue is full events are dropped (and counted) rather than piling up.
 */
public final class KubernetesEvents implements DecisionListener, ReloadListener, AutoCloseable {
  static final String COMPONENT = "countersign-webhook";
  private static final int MAX_MESSAGE = 1024;

  private final KubernetesClient client;
  private final Optional<ObjectReference> self;
  private final Clock clock;
  private final Consumer<String> problems;
  private final ThreadPoolExecutor sender;
  private final AtomicLong posted = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();

  /**
   * @param self the webhook's own pod (from the downward API), where reload events go
   */
  public KubernetesEvents(
      KubernetesClient client,
      Optional<ObjectReference> self,
      Clock clock,
      Consumer<String> problems) {
    this.client = client;
    this.self = self;
    this.clock = clock;
    this.problems = problems;
    this.sender =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(256),
            r -> {
              Thread t = new Thread(r, "countersign-events");
              t.setDaemon(true);
              return t;
            });
  }

  /** The webhook's pod from the {@code POD_NAME} and {@code POD_NAMESPACE} variables, if set. */
  public static Optional<ObjectReference> podFromEnvironment() {
    String name = System.getenv("POD_NAME");
    String namespace = System.getenv("POD_NAMESPACE");
    if (name == null || namespace == null || name.isBlank() || namespace.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(
        new ObjectReferenceBuilder()
            .withApiVersion("v1")
            .withKind("Pod")
            .withName(name)
            .withNamespace(namespace)
            .build());
  }

  @Override
  public void onDecision(AdmissionDecision d) {
    AdmissionRequest r = d.request();
    if (r.dryRun() || d.outcome() == AdmissionOutcome.ALLOW || r.namespace().isEmpty()) {
      return;
    }
    ObjectReference involved =
        new ObjectReferenceBuilder()
            .withApiVersion(r.apiVersionOfObject())
            .withKind(r.kind())
            .withName(r.name())
            .withNamespace(r.namespace())
            .build();
    boolean denied = d.outcome() == AdmissionOutcome.DENY;
    post(
        involved,
        denied ? "ImageVerificationDenied" : "ImageVerificationWarning",
        denied ? d.message() : String.join("; ", d.warnings()),
        "Admission");
  }

  @Override
  public void refused(ConfigException why) {
    self.ifPresent(
        pod ->
            post(
                pod,
                "ConfigReloadRefused",
                why.reason()
                    + ": "
                    + why.getMessage()
                    + " (the previous configuration stays in force)",
                "Reload"));
  }

  private void post(ObjectReference involved, String reason, String message, String action) {
    String now = clock.instant().toString();
    Event event =
        new EventBuilder()
            .withNewMetadata()
            .withGenerateName("countersign-")
            .withNamespace(involved.getNamespace())
            .endMetadata()
            .withInvolvedObject(involved)
            .withType("Warning")
            .withReason(reason)
            .withAction(action)
            .withMessage(
                message.length() > MAX_MESSAGE
                    ? message.substring(0, MAX_MESSAGE - 3) + "..."
                    : message)
            .withNewSource(COMPONENT, null)
            .withReportingComponent(COMPONENT)
            .withFirstTimestamp(now)
            .withLastTimestamp(now)
            .withCount(1)
            .build();
    try {
      sender.execute(
          () -> {
            try {
              client.v1().events().inNamespace(involved.getNamespace()).resource(event).create();
              posted.incrementAndGet();
            } catch (RuntimeException e) {
              problems.accept("cannot post Kubernetes Event " + reason + ": " + e.getMessage());
            }
          });
    } catch (RejectedExecutionException e) {
      dropped.incrementAndGet();
    }
  }

  /** Events posted. */
  public long posted() {
    return posted.get();
  }

  /** Events dropped because the queue was full. */
  public long dropped() {
    return dropped.get();
  }

  /** Waits for queued events to be sent (for shutdown and tests). */
  public boolean flush(long timeout, TimeUnit unit) throws InterruptedException {
    long end = System.nanoTime() + unit.toNanos(timeout);
    while (System.nanoTime() < end) {
      if (sender.getQueue().isEmpty() && sender.getActiveCount() == 0) {
        return true;
      }
      Thread.sleep(10);
    }
    return false;
  }

  @Override
  public void close() {
    sender.shutdown();
  }
}
