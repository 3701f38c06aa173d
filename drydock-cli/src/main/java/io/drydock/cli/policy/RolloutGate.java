package io.drydock.cli.policy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.drydock.cli.support.Console;
import io.drydock.cli.support.ImageOptionsMixin;
import io.drydock.image.ImageOptions;
import io.drydock.model.Digest;
import io.drydock.model.DrydockException;
import io.drydock.model.ImageRef;
import io.drydock.policy.Verdict;
import io.drydock.policy.rules.Evaluation;
import io.drydock.policy.rules.Evaluator;
import io.drydock.policy.rules.ImageFacts;
import io.drydock.policy.rules.RuleSet;
import io.drydock.scan.LayerCache;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The policy gate of {@code rollout start}: evaluates the policy on the new image before anything starts.
 * Returns the exit code of a refusal, or null to go ahead. An {@code --override} that the policy allows is
 * appended to {@code STATE-DIR/policy-overrides.jsonl} (until the ledger store lands).
 */
public final class RolloutGate {
  public static final String OVERRIDES = "policy-overrides.jsonl";

  private RolloutGate() {}

  /** The options {@code rollout start} takes for its gate (a picocli mixin). */
  public static final class Options {
    @Option(names = "--policy", paramLabel = "FILE",
        description = "Evaluate this policy on the new image first; refuse (exit 1) before any container starts when it denies.")
    @Nullable Path policy;

    @Option(names = "--override", paramLabel = "REASON",
        description = "Roll out despite denials where the policy allows overrides; recorded in STATE-DIR/" + OVERRIDES + ".")
    @Nullable String override;

    @Option(names = "--db", paramLabel = "FILE", description = "Vulnerability DB for the policy (default: <cache-dir>/vulndb.sqlite).")
    @Nullable Path db;

    @Option(names = "--cache-dir", paramLabel = "DIR", description = "Layer cache and work dir for reading the image (default: as 'scan').")
    @Nullable Path cacheDir;
  }

  public static @Nullable Integer check(CommandSpec spec, Path serviceFile, @Nullable ImageRef image, Options gate,
      @Nullable Path stateDir) throws IOException {
    Path policyFile = gate.policy;
    String override = gate.override;
    if (policyFile == null) {
      if (override != null) {
        throw DrydockException.usage("--override needs --policy");
      }
      return null;
    }
    RuleSet policy = PolicyFiles.read(policyFile);
    PolicyInputs.Service service = PolicyInputs.service(serviceFile);
    String ref = image != null ? image.toString() : service.image();
    if (ref == null) {
      throw DrydockException.invalidInput("The service file " + serviceFile + " names no image");
    }
    Console console = Console.of(spec);
    Path cache = gate.cacheDir != null ? gate.cacheDir : LayerCache.defaultDir(System.getenv(), Path.of(System.getProperty("user.home")));
    Path work = ImageOptionsMixin.workDirUnder(cache);
    ImageOptions options = new ImageOptions(null, false, null, null, work, java.time.Duration.ofSeconds(60));
    ImageFacts facts;
    try (PolicyTargets targets = new PolicyTargets(policy, gate.db != null ? gate.db : cache.resolve("vulndb.sqlite"), cache, options, console)) {
      facts = targets.image(ref);
    }
    ApprovalStore approvals = ApprovalStore.of(stateDir, System.getenv());
    Evaluation e = new Evaluator(policy, SignatureChecks.current()).evaluate(facts, service.facts(),
        new Evaluation.Context(Instant.now(), "rollout", service.facts().name(), approvals.load(), override));
    PrintWriter err = spec.commandLine().getErr();
    for (Verdict.Reason r : e.verdict().reasons()) {
      if (r.action() == Verdict.Action.WARN) {
        err.println("warning: policy rule " + r.rule() + ": " + r.message());
      }
    }
    if (!e.verdict().passed()) {
      err.println("drydock: rollout of " + ref + " refused by policy " + policyFile + " (tier " + e.tier().tier() + "); no container was started:");
      for (Verdict.Reason r : e.verdict().denials()) {
        err.println("  rule " + r.rule() + ": " + r.message());
      }
      err.flush();
      return PolicyCommand.DENIED;
    }
    if (override != null) {
      record(approvals.file().resolveSibling(OVERRIDES), service.facts().name(), ref, facts, override, e);
    }
    err.flush();
    return null;
  }

  private static void record(Path file, @Nullable String service, String ref, ImageFacts facts, String reason, Evaluation e) throws IOException {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("at", Instant.now().toString());
    line.put("service", service);
    line.put("image", ref);
    Digest d = facts.ref() != null && facts.ref().digest() != null ? facts.ref().digest() : facts.digest();
    line.put("digest", d == null ? null : d.toString());
    line.put("reason", reason);
    line.put("overridden", e.verdict().reasons().stream().filter(r -> r.message().contains("(overridden: ")).map(Verdict.Reason::rule).distinct().toList());
    line.put("user", System.getProperty("user.name"));
    Files.createDirectories(file.getParent());
    Files.write(file, (new ObjectMapper().writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8),
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }
}
