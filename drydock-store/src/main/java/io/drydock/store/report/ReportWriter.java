package io.drydock.store.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drydock.model.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders a {@link Metrics.Report} as Markdown, one self-contained HTML file with SVG charts, JSON or CSV (pure). */
public final class ReportWriter {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public enum Format { md, html, json, csv }

  private ReportWriter() {}

  public static String render(Metrics.Report r, Format f) {
    return switch (f) {
      case md -> markdown(r);
      case html -> Html.render(r);
      case json -> json(r);
      case csv -> csv(r);
    };
  }

  /** Hours with one decimal, the unit every duration is shown in. */
  static String hours(Duration d) {
    return String.format(Locale.ROOT, "%.1f", d.toMillis() / 3_600_000.0);
  }

  static String percent(double v) {
    return String.format(Locale.ROOT, "%.1f%%", v * 100);
  }

  static String window(Metrics.Report r) {
    return (r.since() == null ? "the beginning" : r.since().toString()) + " – " + r.until();
  }

  static String markdown(Metrics.Report r) {
    StringBuilder b = new StringBuilder();
    b.append("# drydock report\n\nWindow: ").append(window(r)).append("\n\n");
    b.append("| figure | value |\n|---|---|\n");
    b.append("| patched images | ").append(r.patchedImages()).append(" |\n");
    b.append("| CVEs fixed | ").append(r.cvesFixed().size()).append(" |\n");
    b.append("| open findings | ").append(r.open().size()).append(" (").append(overdue(r)).append(" overdue) |\n");
    b.append("| adoption | ").append(percent(r.adoptionRate())).append(" |\n");
    b.append("| regression rate | ").append(percent(r.regressionRate())).append(" (").append(r.regressions()).append(" of ")
        .append(r.patchRollouts()).append(" patch rollouts) |\n\n");
    statsTable(b, "MTTP (fix available → patched image running), hours, by severity", r.mttpBySeverity());
    statsTable(b, "MTTP by tier", r.mttpByTier());
    statsTable(b, "Time to remediation (first detected → no longer running), hours, by severity", r.ttrBySeverity());
    statsTable(b, "Time to remediation by tier", r.ttrByTier());
    b.append("## Open findings\n\n| service | tier | id | severity | age (h) | SLA |\n|---|---|---|---|---|---|\n");
    for (Metrics.Open o : r.open()) {
      var e = o.exposure();
      b.append("| ").append(e.service()).append(" | ").append(Metrics.tierName(e.tier())).append(" | ").append(e.id())
          .append(" | ").append(e.severity()).append(" | ").append(hours(o.age())).append(" | ").append(o.slaState()).append(" |\n");
    }
    b.append("\n## Adoption\n\n| service | newest patched digest | on it | running |\n|---|---|---|---|\n");
    for (Metrics.Adoption a : r.adoption()) {
      b.append("| ").append(a.service()).append(" | ").append(a.newest()).append(" | ").append(a.onNewest()).append(" | ")
          .append(a.running()).append(" |\n");
    }
    b.append("\n## CVEs fixed\n\n");
    r.cvesFixed().forEach(id -> b.append("- ").append(id).append('\n'));
    return b.toString();
  }

  static long overdue(Metrics.Report r) {
    return r.open().stream().filter(o -> o.slaState().equals("overdue")).count();
  }

  private static <K> void statsTable(StringBuilder b, String title, Map<K, Stats> stats) {
    b.append("## ").append(title).append("\n\n| group | n | mean | p50 | p90 |\n|---|---|---|---|---|\n");
    stats.forEach((k, s) -> b.append("| ").append(k).append(" | ").append(s.count()).append(" | ").append(hours(s.mean()))
        .append(" | ").append(hours(s.p50())).append(" | ").append(hours(s.p90())).append(" |\n"));
    b.append('\n');
  }

  static String json(Metrics.Report r) {
    ObjectNode root = JSON.createObjectNode();
    root.put("since", r.since() == null ? null : r.since().toString());
    root.put("until", r.until().toString());
    root.put("patchedImages", r.patchedImages());
    root.putPOJO("cvesFixed", r.cvesFixed());
    root.put("patchRollouts", r.patchRollouts());
    root.put("regressions", r.regressions());
    root.put("regressionRate", r.regressionRate());
    root.put("adoptionRate", r.adoptionRate());
    statsJson(root.putObject("mttpBySeverity"), r.mttpBySeverity());
    statsJson(root.putObject("mttpByTier"), r.mttpByTier());
    statsJson(root.putObject("ttrBySeverity"), r.ttrBySeverity());
    statsJson(root.putObject("ttrByTier"), r.ttrByTier());
    ArrayNode open = root.putArray("open");
    for (Metrics.Open o : r.open()) {
      var e = o.exposure();
      open.addObject().put("service", e.service()).put("tier", e.tier()).put("id", e.id()).put("severity", e.severity().name())
          .put("detected", e.detected().toString()).put("fixAvailable", e.fixAvailable() == null ? null : e.fixAvailable().toString())
          .put("ageSeconds", o.age().toSeconds()).put("sla", o.slaState());
    }
    ArrayNode adoption = root.putArray("adoption");
    r.adoption().forEach(a -> adoption.addObject().put("service", a.service()).put("newest", a.newest().toString())
        .put("running", a.running()).put("onNewest", a.onNewest()));
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static <K> void statsJson(ObjectNode node, Map<K, Stats> stats) {
    stats.forEach((k, s) -> node.putObject(k.toString()).put("count", s.count()).put("meanSeconds", s.mean().toSeconds())
        .put("p50Seconds", s.p50().toSeconds()).put("p90Seconds", s.p90().toSeconds()));
  }

  /** One row per figure: metric, group, count, value (hours for durations, a fraction for rates). */
  static String csv(Metrics.Report r) {
    StringBuilder b = new StringBuilder("metric,group,count,mean_h,p50_h,p90_h\n");
    csvStats(b, "mttp_severity", r.mttpBySeverity());
    csvStats(b, "mttp_tier", r.mttpByTier());
    csvStats(b, "ttr_severity", r.ttrBySeverity());
    csvStats(b, "ttr_tier", r.ttrByTier());
    b.append("patched_images,,").append(r.patchedImages()).append(",,,\n");
    b.append("cves_fixed,,").append(r.cvesFixed().size()).append(",,,\n");
    for (Severity s : Severity.values()) {
      long n = r.open().stream().filter(o -> o.exposure().severity() == s).count();
      b.append("open_findings,").append(s).append(',').append(n).append(",,,\n");
    }
    b.append("open_overdue,,").append(overdue(r)).append(",,,\n");
    b.append("adoption_rate,,").append(r.adoption().stream().mapToInt(Metrics.Adoption::running).sum()).append(',')
        .append(String.format(Locale.ROOT, "%.4f", r.adoptionRate())).append(",,\n");
    b.append("regression_rate,,").append(r.patchRollouts()).append(',')
        .append(String.format(Locale.ROOT, "%.4f", r.regressionRate())).append(",,\n");
    return b.toString();
  }

  private static <K> void csvStats(StringBuilder b, String metric, Map<K, Stats> stats) {
    stats.forEach((k, s) -> b.append(metric).append(',').append(k).append(',').append(s.count()).append(',')
        .append(hours(s.mean())).append(',').append(hours(s.p50())).append(',').append(hours(s.p90())).append('\n'));
  }

  static List<String> severityOrder() {
    return List.of("CRITICAL", "HIGH", "MEDIUM", "LOW", "UNKNOWN");
  }
}
