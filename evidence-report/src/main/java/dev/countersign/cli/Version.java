package dev.countersign.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest. */
final class Version implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = Main.class.getPackage().getImplementationVersion();
    return new String[] {"countersign " + (v == null ? "(development build)" : v)};
  }
}
