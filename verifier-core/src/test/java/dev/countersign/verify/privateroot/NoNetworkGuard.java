package dev.countersign.verify.privateroot;

import java.net.SocketPermission;
import java.security.Permission;
import java.util.ArrayList;
import java.util.List;

/**
 * A security manager that refuses, and records, every attempt to resolve a host or open, accept or
 * listen on a socket while it is armed. Everything else is allowed.
 */
@SuppressWarnings("removal")
final class NoNetworkGuard extends SecurityManager {
  private volatile boolean armed;
  private final List<String> attempts = new ArrayList<>();

  void arm() {
    armed = true;
  }

  void disarm() {
    armed = false;
  }

  synchronized List<String> attempts() {
    return List.copyOf(attempts);
  }

  private synchronized void refuse(String what) {
    attempts.add(what);
    throw new SecurityException("network access during verification: " + what);
  }

  @Override
  public void checkPermission(Permission perm) {
    if (armed && perm instanceof SocketPermission) {
      refuse(perm.getName() + " " + perm.getActions());
    }
  }

  @Override
  public void checkPermission(Permission perm, Object context) {
    checkPermission(perm);
  }

  @Override
  public void checkConnect(String host, int port) {
    if (armed) {
      refuse("connect " + host + ":" + port);
    }
  }

  @Override
  public void checkConnect(String host, int port, Object context) {
    checkConnect(host, port);
  }

  @Override
  public void checkListen(int port) {
    if (armed) {
      refuse("listen " + port);
    }
  }

  @Override
  public void checkAccept(String host, int port) {
    if (armed) {
      refuse("accept " + host + ":" + port);
    }
  }
}
