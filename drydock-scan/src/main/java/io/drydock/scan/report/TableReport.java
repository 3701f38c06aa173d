package io.drydock.scan.report;

import io.drydock.model.Finding;
import io.drydock.model.ScanReport;
import io.drydock.model.Severity;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The text report, modeled on Trivy's table: per target a title, a summary line
 * {@code Total: N (UNKNOWN: a, LOW: b, MEDIUM: c, HIGH: d, CRITICAL: e)} and one row per finding
 * (Library | Vulnerability | Severity | Status | Installed | Fixed | Title); then the suppressed findings
 * (with the rule that suppressed them) and the expired rules.
 */
final class TableReport {
  static final int TITLE_WIDTH = 60;

  private TableReport() {}

  static String render(ScanReport report, Clock clock) {
    StringBuilder sb = new StringBuilder();
    if (report.db() != null && report.db().updatedAt() != null) {
      Duration age = Duration.between(report.db().updatedAt(), clock.instant());
      sb.append("Vulnerability DB: ").append(report.db().advisories()).append(" advisories, updated ")
          .append(report.db().updatedAt()).append(" (").append(age(age)).append(" ago)\n\n");
    }
    for (Targets.Target t : Targets.of(report)) {
      String title = t.kind().equals("os-pkgs") ? t.name() : t.name() + " (" + t.type() + ")";
      sb.append(title).append('\n').append("=".repeat(title.length())).append('\n');
      sb.append(total(t.findings())).append("\n\n");
      if (!t.findings().isEmpty()) {
        TextTable table = new TextTable("Library", "Vulnerability", "Severity", "Status", "Installed", "Fixed", "Title");
        for (Finding f : t.findings()) {
          table.row(f.pkg().name(), f.id(), f.severity().name(), Targets.status(f.status()), f.pkg().version(),
              String.join(", ", f.fixedVersions()), title(f.summary()));
        }
        sb.append(table.render()).append('\n');
      }
    }
    if (!report.suppressed().isEmpty()) {
      List<Finding> suppressed = report.suppressed().stream().map(ScanReport.Suppressed::finding).toList();
      sb.append("Suppressed Vulnerabilities (Total: ").append(suppressed.size()).append(")\n");
      sb.append("=".repeat(("Suppressed Vulnerabilities (Total: " + suppressed.size() + ")").length())).append('\n');
      TextTable table = new TextTable("Library", "Vulnerability", "Severity", "Status", "Statement", "Source", "Owner", "Expires");
      List<ScanReport.Suppressed> sorted = new ArrayList<>(report.suppressed());
      sorted.sort(java.util.Comparator.comparing(ScanReport.Suppressed::finding, Targets.ORDER));
      for (ScanReport.Suppressed s : sorted) {
        Finding f = s.finding();
        table.row(f.pkg().name(), f.id(), f.severity().name(), s.kind(), s.statement(), s.source(), s.owner(), s.expires());
      }
      sb.append(table.render()).append('\n');
    }
    if (!report.expired().isEmpty()) {
      String head = "Expired rules (Total: " + report.expired().size() + "): they no longer suppress anything";
      sb.append(head).append('\n').append("=".repeat(head.length())).append('\n');
      TextTable table = new TextTable("Vulnerability", "Source", "Expired on", "Owner");
      for (ScanReport.ExpiredRule e : report.expired()) {
        table.row(e.id(), e.source(), e.expiredOn(), e.owner());
      }
      sb.append(table.render()).append('\n');
    }
    return sb.toString();
  }

  static String total(List<Finding> findings) {
    Map<Severity, Integer> counts = Targets.counts(findings);
    return "Total: " + findings.size() + " ("
        + counts.entrySet().stream().map(e -> e.getKey().name() + ": " + e.getValue()).collect(Collectors.joining(", "))
        + ")";
  }

  static String title(String summary) {
    if (summary == null || summary.isBlank()) {
      return "";
    }
    String oneLine = summary.strip().replaceAll("\\s+", " ");
    return oneLine.length() <= TITLE_WIDTH ? oneLine : oneLine.substring(0, TITLE_WIDTH - 1) + "…";
  }

  static String age(Duration d) {
    if (d.isNegative()) {
      return "0m";
    }
    long days = d.toDays();
    if (days > 0) {
      return days + "d" + (d.toHoursPart() > 0 ? " " + d.toHoursPart() + "h" : "");
    }
    return d.toHours() > 0 ? d.toHours() + "h" : d.toMinutes() + "m";
  }

  /** Columns as wide as their widest cell, a dashed rule under the header; missing cells print as {@code -}. */
  static final class TextTable {
    private final List<String[]> rows = new ArrayList<>();
    private final int columns;

    TextTable(String... header) {
      columns = header.length;
      rows.add(header);
    }

    void row(Object... cells) {
      String[] r = new String[columns];
      for (int i = 0; i < columns; i++) {
        Object c = i < cells.length ? cells[i] : null;
        String s = c == null ? "" : c.toString().replaceAll("\\p{Cntrl}+", " ");
        r[i] = s.isEmpty() ? "-" : s;
      }
      rows.add(r);
    }

    String render() {
      int[] width = new int[columns];
      for (String[] r : rows) {
        for (int i = 0; i < columns; i++) {
          width[i] = Math.max(width[i], r[i].codePointCount(0, r[i].length()));
        }
      }
      StringBuilder sb = new StringBuilder();
      for (int n = 0; n < rows.size(); n++) {
        line(sb, rows.get(n), width);
        if (n == 0) {
          String[] rule = new String[columns];
          for (int i = 0; i < columns; i++) {
            rule[i] = "-".repeat(width[i]);
          }
          line(sb, rule, width);
        }
      }
      return sb.toString();
    }

    private void line(StringBuilder sb, String[] r, int[] width) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < columns; i++) {
        line.append(r[i]);
        if (i < columns - 1) {
          line.append(" ".repeat(width[i] - r[i].codePointCount(0, r[i].length()) + 2));
        }
      }
      sb.append(line.toString().stripTrailing()).append('\n');
    }
  }
}
