package dev.countersign.admission.config;

import dev.countersign.admission.ActiveVerifier;

/** Hears about configuration reloads (logs, metrics, Kubernetes Events, cache pre-warming). */
public interface ReloadListener {
  /** A new configuration took effect. */
  default void reloaded(ActiveVerifier now) {}

  /** A changed configuration was refused; the previous one stays in force. */
  default void refused(ConfigException why) {}
}
