package io.drydock.cli.policy;

import io.drydock.model.Finding;
import io.drydock.model.Sbom;
import io.drydock.policy.Verdict;
import io.drydock.policy.rules.Evaluation;
import io.drydock.policy.rules.Evaluator;
import io.drydock.policy.rules.RuleSet;
import io.drydock.policy.rules.ServiceFacts;
import io.drydock.scan.db.VulnDb;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code drydock scan --policy FILE}: the policy decides the gate instead of "any finding left". It sees the
 * findings left after the scan's own filters; its reasons go to stderr, the report is unchanged.
 */
public final class ScanGate {
  private ScanGate() {}

  /** The exit code: 0 when the policy passes, {@code denyCode} when it denies. */
  public static int apply(CommandSpec spec, Path policyFile, Sbom sbom, List<Finding> findings, VulnDb db, Instant now, int denyCode) {
    RuleSet policy = PolicyFiles.read(policyFile);
    var facts = PolicyInputs.facts(sbom, findings, id -> db.byId(id).orElse(null));
    Evaluation e = new Evaluator(policy, SignatureChecks.current()).evaluate(facts, ServiceFacts.none(), Evaluation.Context.check(now));
    PrintWriter err = spec.commandLine().getErr();
    for (Verdict.Reason r : e.verdict().reasons()) {
      err.println((r.action() == Verdict.Action.DENY ? "policy: deny " : "policy: warn ") + r.rule() + ": " + r.message());
    }
    err.println("policy " + policyFile + ": " + (e.verdict().passed() ? "PASS" : "DENY"));
    err.flush();
    return e.verdict().passed() ? 0 : denyCode;
  }
}
