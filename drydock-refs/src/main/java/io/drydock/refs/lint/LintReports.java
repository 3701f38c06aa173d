package io.drydock.refs.lint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;

/** Renders lint findings as a table, JSON or SARIF 2.1.0 (pure). */
public final class LintReports {
  public static final String SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private LintReports() {}

  /** One line per finding: {@code file:line:col  level  id slug  message}. */
  public static String table(List<LintFinding> findings, Path base) {
    StringBuilder out = new StringBuilder();
    for (LintFinding f : findings) {
      out.append(relative(base, f.file())).append(':').append(f.line()).append(':').append(f.column()).append("  ")
          .append(String.format("%-7s", f.level().sarif())).append("  ").append(f.rule().id()).append(' ')
          .append(f.rule().slug()).append("  ").append(f.message()).append('\n');
    }
    return out.toString();
  }

  public static String json(List<LintFinding> findings, Path base) {
    ArrayNode arr = JSON.createArrayNode();
    for (LintFinding f : findings) {
      arr.addObject().put("ruleId", f.rule().id()).put("rule", f.rule().slug()).put("level", f.level().sarif())
          .put("file", relative(base, f.file())).put("line", f.line()).put("column", f.column())
          .put("message", f.message());
    }
    return write(arr);
  }

  /**
   * SARIF 2.1.0: every rule in {@code tool.driver.rules}, one result per finding with a physical location whose
   * URI is relative to {@code base} (with {@code uriBaseId} {@code %SRCROOT%}).
   */
  public static String sarif(List<LintFinding> findings, Path base, String toolVersion) {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", "2.1.0").put("$schema", SARIF_SCHEMA);
    ObjectNode run = root.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "drydock").put("version", toolVersion).put("informationUri", "https://github.com/drydock/drydock");
    ArrayNode rules = driver.putArray("rules");
    for (Rule r : Rule.values()) {
      ObjectNode rule = rules.addObject();
      rule.put("id", r.id()).put("name", r.slug());
      rule.putObject("shortDescription").put("text", r.description());
      rule.putObject("fullDescription").put("text", r.description() + ". " + r.help());
      rule.putObject("help").put("text", r.help());
      rule.putObject("defaultConfiguration").put("level", r.level().sarif());
    }
    run.putObject("originalUriBaseIds").putObject("%SRCROOT%").put("uri", base.toAbsolutePath().normalize().toUri().toString());
    ArrayNode results = run.putArray("results");
    for (LintFinding f : findings) {
      ObjectNode res = results.addObject();
      res.put("ruleId", f.rule().id()).put("ruleIndex", f.rule().ordinal()).put("level", f.level().sarif());
      res.putObject("message").put("text", f.message());
      ObjectNode phys = res.putArray("locations").addObject().putObject("physicalLocation");
      phys.putObject("artifactLocation").put("uri", uri(base, f.file())).put("uriBaseId", "%SRCROOT%");
      phys.putObject("region").put("startLine", f.line()).put("startColumn", f.column());
    }
    return write(root);
  }

  static String relative(Path base, Path file) {
    Path abs = file.toAbsolutePath().normalize();
    Path b = base.toAbsolutePath().normalize();
    return abs.startsWith(b) ? b.relativize(abs).toString() : abs.toString();
  }

  /** A URI reference relative to {@code base} when the file is under it (percent-encoded), else an absolute file URI. */
  static String uri(Path base, Path file) {
    Path abs = file.toAbsolutePath().normalize();
    Path b = base.toAbsolutePath().normalize();
    if (abs.startsWith(b)) {
      return b.toUri().relativize(abs.toUri()).toString();
    }
    return abs.toUri().toString();
  }

  private static String write(Object node) {
    try {
      return JSON.writeValueAsString(node) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
