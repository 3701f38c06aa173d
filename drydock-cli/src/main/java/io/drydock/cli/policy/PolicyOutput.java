package io.drydock.cli.policy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drydock.cli.support.Table;
import io.drydock.policy.exception.ExceptionSet;
import io.drydock.policy.rules.Evaluation;
import io.drydock.policy.rules.Rule;
import io.drydock.policy.rules.RuleSet;
import java.util.List;
import java.util.Locale;

/** Renders evaluations: a table per target, JSON ({@code drydock.policy.check/v1}) or SARIF 2.1.0. */
public final class PolicyOutput {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private PolicyOutput() {}

  public static String table(List<Evaluation> evaluations) {
    StringBuilder sb = new StringBuilder();
    for (Evaluation e : evaluations) {
      sb.append(e.image()).append("  (tier ").append(e.tier().tier()).append(", from ").append(e.tier().source()).append(")\n");
      Table t = new Table("RULE", "CHECK", "RESULT", "REASON");
      for (Evaluation.RuleResult r : e.results()) {
        if (r.reasons().isEmpty()) {
          t.row(r.rule(), r.kind(), r.outcome(), "");
        }
        for (int i = 0; i < r.reasons().size(); i++) {
          t.row(i == 0 ? r.rule() : "", i == 0 ? r.kind() : "", i == 0 ? r.outcome() : "", r.reasons().get(i));
        }
      }
      sb.append(t.render());
      for (ExceptionSet.Suppression s : e.exceptions().suppressed()) {
        sb.append("suppressed ").append(s.finding().id()).append(" in ").append(s.finding().pkg().name()).append(" by exception ")
            .append(s.rule().id()).append(" (").append(s.rule().status().wire()).append(", owner ").append(s.rule().owner())
            .append(", expires ").append(s.rule().expires()).append(")\n");
      }
      long denied = e.verdict().denials().stream().map(r -> r.rule()).distinct().count();
      sb.append("verdict: ").append(e.verdict().passed() ? "PASS" : "DENY (" + denied + " rule" + (denied == 1 ? "" : "s") + ")").append("\n\n");
    }
    return sb.toString();
  }

  public static String json(RuleSet policy, List<Evaluation> evaluations) {
    ObjectNode root = JSON.createObjectNode();
    root.put("schema", "drydock.policy.check/v1");
    root.put("policy", policy.source());
    root.put("passed", evaluations.stream().allMatch(e -> e.verdict().passed()));
    ArrayNode results = root.putArray("results");
    for (Evaluation e : evaluations) {
      ObjectNode o = results.addObject();
      o.put("target", e.image());
      o.put("tier", e.tier().tier());
      o.put("tierSource", e.tier().source());
      o.put("verdict", e.verdict().passed() ? "pass" : "deny");
      ArrayNode rules = o.putArray("rules");
      for (Evaluation.RuleResult r : e.results()) {
        ObjectNode ro = rules.addObject().put("id", r.rule()).put("check", r.kind()).put("outcome", r.outcome().name().toLowerCase(Locale.ROOT));
        r.reasons().forEach(ro.putArray("reasons")::add);
      }
      ArrayNode sla = o.putArray("sla");
      for (Evaluation.SlaLine l : e.sla()) {
        sla.addObject().put("rule", l.rule()).put("vulnerability", l.finding().id()).put("package", l.finding().pkg().name())
            .put("severity", l.finding().severity().name()).put("status", l.status().describe());
      }
      ArrayNode sup = o.putArray("suppressed");
      for (ExceptionSet.Suppression s : e.exceptions().suppressed()) {
        sup.addObject().put("vulnerability", s.finding().id()).put("package", s.finding().pkg().name()).put("exception", s.rule().id())
            .put("owner", s.rule().owner()).put("expires", s.rule().expires().toString());
      }
    }
    return write(root);
  }

  public static String sarif(RuleSet policy, List<Evaluation> evaluations, String version) {
    ObjectNode root = JSON.createObjectNode();
    root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    root.put("version", "2.1.0");
    ObjectNode run = root.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "drydock").put("version", version).put("informationUri", "https://github.com/drydock/drydock");
    ArrayNode rules = driver.putArray("rules");
    for (Rule r : policy.rules()) {
      rules.addObject().put("id", r.id()).put("name", r.check().kind())
          .putObject("shortDescription").put("text", r.check().kind() + " rule " + r.id() + " (" + r.action().name().toLowerCase(Locale.ROOT) + ")");
    }
    ArrayNode results = run.putArray("results");
    for (Evaluation e : evaluations) {
      for (Evaluation.RuleResult r : e.results()) {
        if (r.outcome() != Evaluation.Outcome.DENY && r.outcome() != Evaluation.Outcome.WARN) {
          continue;
        }
        for (String reason : r.reasons()) {
          ObjectNode res = results.addObject();
          res.put("ruleId", r.rule());
          res.put("level", r.outcome() == Evaluation.Outcome.DENY ? "error" : "warning");
          res.putObject("message").put("text", reason);
          res.putArray("locations").addObject().putObject("physicalLocation").putObject("artifactLocation").put("uri", e.image());
        }
      }
    }
    return write(root);
  }

  private static String write(ObjectNode root) {
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
