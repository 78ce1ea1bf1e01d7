package dev.countersign.report.packet.internal;

/**
 * The stylesheet of {@code report.html}, inlined in the page so it renders the same offline, from
 * an archive or from an assessor's file share.
 */
final class ReportStyle {
  static final String CSS =
      "body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0;color:#1b1f24;background:#fff}"
          + "header{background:#0b3d5c;color:#fff;padding:24px 32px}header h1{margin:0 0 6px;font-size:24px}"
          + "header p{margin:2px 0}.notice{margin-top:12px;padding:10px 14px;background:#fff3cd;color:#4d3b00;border-radius:4px}"
          + "nav{padding:10px 32px;background:#eef2f5;border-bottom:1px solid #d0d7de}nav a{margin-right:16px;color:#0b3d5c}"
          + "main{padding:8px 32px 48px}section{margin-top:28px}h2{border-bottom:2px solid #0b3d5c;padding-bottom:4px}"
          + "table{border-collapse:collapse;width:100%;margin:8px 0 16px;font-size:13px}"
          + "th,td{border:1px solid #d0d7de;padding:4px 6px;text-align:left;vertical-align:top}"
          + "th{background:#f3f5f7}tr:nth-child(even) td{background:#fafbfc}"
          + ".cards{display:flex;flex-wrap:wrap;gap:12px}.card{border:1px solid #d0d7de;border-radius:6px;padding:10px 14px;min-width:150px}"
          + ".card b{display:block;font-size:22px}.cov-direct{color:#1a7f37;font-weight:600}"
          + ".cov-partial{color:#9a6700;font-weight:600}.cov-organization-documents{color:#6639ba;font-weight:600}"
          + ".d-ALLOW{color:#1a7f37;font-weight:600}.d-ALLOW_WITH_WARNINGS{color:#9a6700;font-weight:600}"
          + ".d-DENY{color:#cf222e;font-weight:600}.gap{color:#cf222e}.muted{color:#57606a}"
          + "code{font:12px ui-monospace,SFMono-Regular,Menlo,monospace;word-break:break-all}"
          + ".chart-title{font:bold 13px sans-serif}.chart-label,.chart-value{font:12px sans-serif}"
          + "figure.chart{margin:8px 24px 8px 0;display:inline-block;vertical-align:top}";

  private ReportStyle() {}
}
