package dev.countersign.report.aws.internal;

import dev.countersign.report.aws.EcrImage;
import dev.countersign.report.aws.EcrRepository;
import dev.countersign.report.aws.RegistryScanning;
import dev.countersign.report.aws.ScanFinding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import software.amazon.awssdk.services.ecr.model.Attribute;
import software.amazon.awssdk.services.ecr.model.CvssScore;
import software.amazon.awssdk.services.ecr.model.EnhancedImageScanFinding;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageScanFinding;
import software.amazon.awssdk.services.ecr.model.ImageScanFindings;
import software.amazon.awssdk.services.ecr.model.PackageVulnerabilityDetails;
import software.amazon.awssdk.services.ecr.model.RegistryScanningConfiguration;
import software.amazon.awssdk.services.ecr.model.RegistryScanningRule;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecr.model.ScanningRepositoryFilter;
import software.amazon.awssdk.services.ecr.model.VulnerablePackage;

/** ECR API shapes to the packet's records; unknown enum values are kept as AWS spelled them. */
public final class EcrMapping {
  private EcrMapping() {}

  public static EcrRepository repository(Repository r) {
    boolean scanOnPush =
        r.imageScanningConfiguration() != null
            && Boolean.TRUE.equals(r.imageScanningConfiguration().scanOnPush());
    String encryption =
        r.encryptionConfiguration() == null
            ? ""
            : r.encryptionConfiguration().encryptionTypeAsString();
    Optional<String> kmsKey =
        r.encryptionConfiguration() == null
            ? Optional.empty()
            : Optional.ofNullable(r.encryptionConfiguration().kmsKey());
    return new EcrRepository(
        r.registryId(),
        r.repositoryName(),
        r.repositoryArn(),
        r.repositoryUri(),
        Optional.ofNullable(r.createdAt()),
        r.imageTagMutabilityAsString(),
        scanOnPush,
        encryption,
        kmsKey);
  }

  public static RegistryScanning scanning(String registryId, RegistryScanningConfiguration c) {
    if (c == null) {
      return new RegistryScanning(registryId, "", List.of());
    }
    List<RegistryScanning.Rule> rules = new ArrayList<>();
    for (RegistryScanningRule rule : c.rules()) {
      List<String> filters = new ArrayList<>();
      for (ScanningRepositoryFilter f : rule.repositoryFilters()) {
        filters.add(f.filter());
      }
      rules.add(new RegistryScanning.Rule(rule.scanFrequencyAsString(), filters));
    }
    return new RegistryScanning(
        registryId, c.scanTypeAsString() == null ? "" : c.scanTypeAsString(), rules);
  }

  public static EcrImage image(ImageDetail d) {
    Map<String, Integer> counts =
        d.imageScanFindingsSummary() == null
            ? Map.of()
            : d.imageScanFindingsSummary().findingSeverityCountsAsStrings();
    return new EcrImage(
        d.registryId(),
        d.repositoryName(),
        d.imageDigest(),
        d.imageTags(),
        Optional.ofNullable(d.imagePushedAt()),
        d.imageSizeInBytes() == null ? OptionalLong.empty() : OptionalLong.of(d.imageSizeInBytes()),
        d.imageManifestMediaType(),
        d.imageScanStatus() == null
            ? Optional.empty()
            : Optional.ofNullable(d.imageScanStatus().statusAsString()),
        d.imageScanStatus() == null ? "" : d.imageScanStatus().description(),
        d.imageScanFindingsSummary() == null
            ? Optional.empty()
            : Optional.ofNullable(d.imageScanFindingsSummary().imageScanCompletedAt()),
        counts,
        Optional.ofNullable(d.lastRecordedPullTime()));
  }

  public static List<ScanFinding> findings(EcrImage image, ImageScanFindings f) {
    List<ScanFinding> out = new ArrayList<>();
    if (f == null) {
      return out;
    }
    for (ImageScanFinding b : f.findings()) {
      String pkg = "";
      String version = "";
      Optional<Double> score = Optional.empty();
      for (Attribute a : b.attributes()) {
        if ("package_name".equals(a.key())) {
          pkg = a.value();
        } else if ("package_version".equals(a.key())) {
          version = a.value();
        } else if ("CVSS3_SCORE".equals(a.key())
            || ("CVSS2_SCORE".equals(a.key()) && score.isEmpty())) {
          score = parseDouble(a.value());
        }
      }
      out.add(
          new ScanFinding(
              image.repositoryName(),
              image.digest(),
              ScanFinding.Kind.BASIC,
              b.name(),
              b.severityAsString(),
              pkg,
              version,
              "",
              "",
              b.uri(),
              score));
    }
    for (EnhancedImageScanFinding e : f.enhancedFindings()) {
      PackageVulnerabilityDetails v = e.packageVulnerabilityDetails();
      String id = v == null ? e.title() : v.vulnerabilityId();
      String reference = v == null ? "" : v.sourceUrl();
      Optional<Double> score = Optional.ofNullable(e.score());
      if (score.isEmpty() && v != null) {
        for (CvssScore c : v.cvss()) {
          score = Optional.ofNullable(c.baseScore());
          break;
        }
      }
      List<VulnerablePackage> packages = v == null ? List.of() : v.vulnerablePackages();
      if (packages.isEmpty()) {
        out.add(
            new ScanFinding(
                image.repositoryName(),
                image.digest(),
                ScanFinding.Kind.ENHANCED,
                id,
                e.severity(),
                "",
                "",
                "",
                e.status(),
                reference,
                score));
      }
      // One record per vulnerable package: the fix version differs by package.
      for (VulnerablePackage p : packages) {
        out.add(
            new ScanFinding(
                image.repositoryName(),
                image.digest(),
                ScanFinding.Kind.ENHANCED,
                id,
                e.severity(),
                p.name(),
                p.version(),
                p.fixedInVersion(),
                e.status(),
                reference,
                score));
      }
    }
    return out;
  }

  private static Optional<Double> parseDouble(String s) {
    try {
      return s == null ? Optional.empty() : Optional.of(Double.parseDouble(s));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
