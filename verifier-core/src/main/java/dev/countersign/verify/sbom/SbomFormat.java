package dev.countersign.verify.sbom;

/** The document formats {@link Sbom#parse(byte[])} reads. */
public enum SbomFormat {
  /** CycloneDX JSON, specVersion 1.2 to 1.6. */
  CYCLONEDX_JSON("CycloneDX", "JSON"),
  /** CycloneDX XML, namespace {@code http://cyclonedx.org/schema/bom/1.0} to {@code 1.6}. */
  CYCLONEDX_XML("CycloneDX", "XML"),
  /** SPDX 2.x JSON ({@code spdxVersion: SPDX-2.2}, {@code SPDX-2.3}, ...). */
  SPDX_JSON("SPDX", "JSON");

  private final String standard;
  private final String encoding;

  SbomFormat(String standard, String encoding) {
    this.standard = standard;
    this.encoding = encoding;
  }

  /** {@code CycloneDX} or {@code SPDX}. */
  public String standard() {
    return standard;
  }

  /** {@code JSON} or {@code XML}. */
  public String encoding() {
    return encoding;
  }

  /** For people, with the version: {@code CycloneDX 1.5 JSON}. */
  public String label(String specVersion) {
    return standard + " " + specVersion + " " + encoding;
  }
}
