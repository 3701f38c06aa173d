package io.drydock.store.report;

import io.drydock.model.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The HTML report: one file, inline CSS and SVG bar charts drawn here, no script, nothing fetched. */
final class Html {
  private Html() {}

  static String render(Metrics.Report r) {
    StringBuilder b = new StringBuilder();
    b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>drydock report</title>\n<style>")
        .append("body{font:14px system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}")
        .append("td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}th{background:#f3f3f3}")
        .append(".overdue{color:#b00020;font-weight:bold}svg text{font:12px sans-serif}</style></head><body>\n");
    b.append("<h1>drydock report</h1><p>Window: ").append(esc(ReportWriter.window(r))).append("</p>\n");
    b.append("<table><tr><th>patched images</th><td>").append(r.patchedImages()).append("</td></tr>")
        .append("<tr><th>CVEs fixed</th><td>").append(r.cvesFixed().size()).append("</td></tr>")
        .append("<tr><th>open findings</th><td>").append(r.open().size()).append(" (").append(ReportWriter.overdue(r))
        .append(" overdue)</td></tr><tr><th>adoption</th><td>").append(ReportWriter.percent(r.adoptionRate()))
        .append("</td></tr><tr><th>regression rate</th><td>").append(ReportWriter.percent(r.regressionRate()))
        .append("</td></tr></table>\n");
    Map<String, Double> mttp = new LinkedHashMap<>();
    r.mttpBySeverity().forEach((s, st) -> mttp.put(s.name() + " p50", st.p50().toMillis() / 3_600_000.0));
    r.mttpBySeverity().forEach((s, st) -> mttp.put(s.name() + " p90", st.p90().toMillis() / 3_600_000.0));
    b.append("<h2>MTTP by severity (hours)</h2>\n").append(bars("mttp", mttp, "h"));
    Map<String, Double> open = new LinkedHashMap<>();
    for (Severity s : List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW, Severity.UNKNOWN)) {
      open.put(s.name(), (double) r.open().stream().filter(o -> o.exposure().severity() == s).count());
    }
    b.append("<h2>Open findings by severity</h2>\n").append(bars("open", open, ""));
    Map<String, Double> adoption = new LinkedHashMap<>();
    r.adoption().forEach(a -> adoption.put(a.service(), a.running() == 0 ? 0.0 : 100.0 * a.onNewest() / a.running()));
    b.append("<h2>Adoption of the newest patched digest (%)</h2>\n").append(bars("adoption", adoption, "%"));
    b.append("<h2>Open findings</h2><table><tr><th>service</th><th>tier</th><th>id</th><th>severity</th><th>age (h)</th><th>SLA</th></tr>\n");
    for (Metrics.Open o : r.open()) {
      var e = o.exposure();
      b.append("<tr><td>").append(esc(e.service())).append("</td><td>").append(esc(Metrics.tierName(e.tier()))).append("</td><td>")
          .append(esc(e.id())).append("</td><td>").append(e.severity()).append("</td><td>").append(ReportWriter.hours(o.age()))
          .append("</td><td class=\"").append(o.slaState()).append("\">").append(o.slaState()).append("</td></tr>\n");
    }
    b.append("</table>\n</body></html>\n");
    return b.toString();
  }

  /** A horizontal bar chart, one bar per entry, scaled to the largest value. */
  static String bars(String id, Map<String, Double> values, String unit) {
    int rowH = 22;
    int labelW = 140;
    int barW = 400;
    double max = values.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
    List<String> rows = new ArrayList<>();
    int y = 0;
    for (var e : values.entrySet()) {
      double w = max <= 0 ? 0 : e.getValue() / max * barW;
      rows.add(String.format(Locale.ROOT,
          "<text x=\"0\" y=\"%d\">%s</text><rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#3a6ea5\"/>"
              + "<text x=\"%.1f\" y=\"%d\">%.1f%s</text>",
          y + 15, esc(e.getKey()), labelW, y + 3, w, rowH - 6, labelW + w + 4, y + 15, e.getValue(), unit));
      y += rowH;
    }
    if (rows.isEmpty()) {
      return "<p>No data.</p>\n";
    }
    return "<svg id=\"" + id + "\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" + (labelW + barW + 80) + "\" height=\"" + y
        + "\" role=\"img\">" + String.join("", rows) + "</svg>\n";
  }

  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
