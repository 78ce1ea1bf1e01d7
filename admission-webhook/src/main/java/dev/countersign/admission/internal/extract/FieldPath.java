package dev.countersign.admission.internal.extract;

/**
 * A location in an object, kept both as Kubernetes writes field paths ({@code
 * spec.containers[0].image}) and as a JSON pointer ({@code /spec/containers/0/image}).
 */
record FieldPath(String dotted, String pointer) {
  static final FieldPath ROOT = new FieldPath("", "");

  FieldPath key(String name) {
    String escaped = name.replace("~", "~0").replace("/", "~1");
    return new FieldPath(dotted.isEmpty() ? name : dotted + "." + name, pointer + "/" + escaped);
  }

  FieldPath index(int i) {
    return new FieldPath(dotted + "[" + i + "]", pointer + "/" + i);
  }
}
