package dev.countersign.verify.internal.trust;

import dev.countersign.verify.trust.TrustRoot;
import dev.countersign.verify.trust.TrustedService;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The loaded, validated form of a trusted_root.json. */
public final class ParsedTrustRoot implements TrustRoot {
  private final String name;
  private final String revision;
  private final String source;
  private final List<CertificateAuthority> certificateAuthorities;
  private final List<LogAuthority> transparencyLogs;
  private final List<LogAuthority> ctLogs;
  private final List<CertificateAuthority> timestampAuthorities;

  public ParsedTrustRoot(
      String name,
      String revision,
      String source,
      List<CertificateAuthority> certificateAuthorities,
      List<LogAuthority> transparencyLogs,
      List<LogAuthority> ctLogs,
      List<CertificateAuthority> timestampAuthorities) {
    this.name = name;
    this.revision = revision;
    this.source = source;
    this.certificateAuthorities = List.copyOf(certificateAuthorities);
    this.transparencyLogs = List.copyOf(transparencyLogs);
    this.ctLogs = List.copyOf(ctLogs);
    this.timestampAuthorities = List.copyOf(timestampAuthorities);
  }

  /** The same material under another name (a root loaded from a file, named by configuration). */
  public ParsedTrustRoot renamed(String newName) {
    return new ParsedTrustRoot(
        newName,
        revision,
        source,
        certificateAuthorities,
        transparencyLogs,
        ctLogs,
        timestampAuthorities);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String revision() {
    return revision;
  }

  @Override
  public String source() {
    return source;
  }

  public List<CertificateAuthority> certificateAuthorities() {
    return certificateAuthorities;
  }

  public List<LogAuthority> transparencyLogs() {
    return transparencyLogs;
  }

  public List<LogAuthority> ctLogs() {
    return ctLogs;
  }

  public List<CertificateAuthority> timestampAuthorities() {
    return timestampAuthorities;
  }

  public Optional<LogAuthority> transparencyLog(byte[] logId) {
    return transparencyLogs.stream().filter(l -> l.hasId(logId)).findFirst();
  }

  public List<LogAuthority> ctLogsWithId(byte[] logId) {
    return ctLogs.stream().filter(l -> l.hasId(logId)).toList();
  }

  @Override
  public List<TrustedService> services() {
    List<TrustedService> out = new ArrayList<>();
    for (CertificateAuthority ca : certificateAuthorities) {
      out.add(
          service(
              TrustedService.Kind.CERTIFICATE_AUTHORITY, ca.uri(), ca.subject(), ca.validFor()));
    }
    for (LogAuthority l : transparencyLogs) {
      out.add(
          service(TrustedService.Kind.TRANSPARENCY_LOG, l.baseUrl(), l.logIdHex(), l.validFor()));
    }
    for (LogAuthority l : ctLogs) {
      out.add(service(TrustedService.Kind.CT_LOG, l.baseUrl(), l.logIdHex(), l.validFor()));
    }
    for (CertificateAuthority ca : timestampAuthorities) {
      out.add(
          service(TrustedService.Kind.TIMESTAMP_AUTHORITY, ca.uri(), ca.subject(), ca.validFor()));
    }
    return List.copyOf(out);
  }

  private static TrustedService service(
      TrustedService.Kind kind, String uri, String identity, TimeRange range) {
    return new TrustedService(kind, uri, identity, range.startOpt(), range.endOpt());
  }

  @Override
  public String toString() {
    return "TrustRoot[" + name + ", " + revision + ", " + source + "]";
  }
}
