package dev.countersign.report.cmmc;

import java.util.List;

/**
 * Parses and validates the three CMMC files. Collects every problem, each naming its file and
 * entry, and throws them together: a catalog that is wrong in one place is not used at all.
 */
final class CatalogReader {
  /** One file to read: its name for messages and its bytes. */
  record Source(String name, byte[] bytes) {}

  private CatalogReader() {}

  static CmmcCatalog read(Source catalog, Source mapping, Source rev3) {
    CatalogFields fields = new CatalogFields();
    PracticesReader.Part cat = new PracticesReader(fields).read(catalog);
    EvidenceMappingReader.Part map = new EvidenceMappingReader(fields).read(mapping, cat);
    List<Rev3Requirement> informative = new Rev3Reader(fields).read(rev3, map);
    if (!fields.problems().isEmpty()) {
      throw new CmmcCatalogException(fields.problems());
    }
    return new CmmcCatalog(
        cat.id(),
        cat.families(),
        cat.practices(),
        map.kinds(),
        map.mappings(),
        informative,
        List.of(catalog, mapping, rev3));
  }
}
