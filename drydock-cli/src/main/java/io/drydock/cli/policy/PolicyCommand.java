package io.drydock.cli.policy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.drydock.cli.support.Console;
import io.drydock.cli.support.ImageOptionsMixin;
import io.drydock.cli.support.Output;
import io.drydock.model.DrydockException;
import io.drydock.policy.exception.OpenVex;
import io.drydock.policy.exception.PolicyExceptionRule;
import io.drydock.policy.file.PolicyFile;
import io.drydock.policy.rules.Evaluation;
import io.drydock.policy.rules.Evaluator;
import io.drydock.policy.rules.RuleSet;
import io.drydock.policy.rules.SignatureCheck;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code drydock policy check|exceptions}. */
@Command(name = "policy", header = "Evaluate the policy file on images, SBOMs and services.",
    footer = {"", "Examples:",
        "  drydock policy check --policy drydock-policy.yaml examples/rollout/web.yaml",
        "  drydock policy exceptions --format openvex -o exceptions.openvex.json"},
    mixinStandardHelpOptions = true,
    description = {"The decide stage: evaluate drydock-policy.yaml (schema drydock.policy/v1, docs/policy.md) on images,",
      "SBOMs and services, and export its exceptions."},
    subcommands = {PolicyCommand.Check.class, PolicyCommand.Exceptions.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {" 0:Help shown.", " 2:No subcommand given: usage is printed on stderr."})
public final class PolicyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return 2;
  }

  /** The exit code of a denial (the documented "policy forbids" code of drydock). */
  public static final int DENIED = 1;

  /** Prints to stdout, or writes FILE atomically. */
  static void emit(CommandSpec spec, @Nullable Path output, String text) throws java.io.IOException {
    if (output == null) {
      spec.commandLine().getOut().print(text);
      spec.commandLine().getOut().flush();
    } else {
      Output.write(output, System.out, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }
  }

  @Command(name = "check", header = "Print the verdict of every policy rule for each target.", mixinStandardHelpOptions = true,
      description = {"Evaluates the policy on each TARGET and prints the verdict of every rule with its reasons.",
        "TARGET is a service file (its image, name, tier: and labels are used), an SBOM file, or an image in any",
        "form 'drydock sbom' takes. Findings come from the vulnerability DB (--db) when a rule needs them.",
        "Rules for rollouts only (window, approval) are skipped unless --rollout is given."},
      footer = {"", "Examples:", "  drydock policy check --policy drydock-policy.yaml 127.0.0.1:5000/web:1.2",
        "  drydock policy check -f sarif -o policy.sarif examples/rollout/web.yaml",
        "  drydock policy check --rollout --at 2026-12-24T10:00:00Z \\",
        "      examples/rollout/web.yaml"},
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {" 0:Every target passed (warnings allowed).", " 1:The policy denies at least one target.", " 2:Usage error.",
        " 3:Invalid input: malformed policy (file:line:col and rule id), SBOM, service file or image.",
        " 4:Policy, target or image not found.", " 5:Registry authentication failed.", " 6:Registry or engine unreachable.",
        " 7:Vulnerability DB missing (needed by sla, maxFindings, cel rules and exceptions)."})
  static final class Check implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "TARGET", arity = "1..*", description = "Images, SBOM files or service files.")
    List<String> targets = new ArrayList<>();

    @Option(names = {"-p", "--policy"}, paramLabel = "FILE", defaultValue = PolicyFile.DEFAULT_NAME,
        description = "The policy file (default: ${DEFAULT-VALUE}).")
    Path policy;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "table",
        description = "table, json (drydock.policy.check/v1) or sarif (2.1.0). Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE (atomically) instead of stdout.")
    @Nullable Path output;

    @Option(names = "--db", paramLabel = "FILE", description = "Vulnerability DB file (default: <cache-dir>/vulndb.sqlite).")
    @Nullable Path db;

    @Option(names = "--at", paramLabel = "INSTANT", description = "Evaluate as of this time (2026-12-03T10:00:00Z); default: now.")
    @Nullable Instant at;

    @Option(names = "--rollout", description = "Evaluate as 'rollout start' would: deployment windows and approvals apply.")
    boolean rollout;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Where approvals are kept (with --rollout); as 'rollout'.")
    @Nullable Path stateDir;

    @Mixin ImageOptionsMixin imageOptions;

    @Override
    public Integer call() throws Exception {
      String fmt = format.toLowerCase(Locale.ROOT);
      if (!List.of("table", "json", "sarif").contains(fmt)) {
        throw DrydockException.usage("unknown format '" + format + "' (table, json, sarif)");
      }
      RuleSet p = PolicyFiles.read(policy);
      Console console = Console.of(spec);
      Instant now = at != null ? at : Instant.now();
      List<Evaluation> evaluations = new ArrayList<>();
      Evaluator evaluator = new Evaluator(p, SignatureChecks.current());
      var approvals = rollout ? ApprovalStore.of(stateDir, System.getenv()).load() : List.<io.drydock.policy.approval.Approval>of();
      try (PolicyTargets t = new PolicyTargets(p, imageOptions.vulnDbFile(db), imageOptions.layerCacheDir(), imageOptions.toImageOptions(), console)) {
        for (String target : targets) {
          PolicyTargets.Target x = t.resolve(target);
          var ctx = new Evaluation.Context(now, rollout ? "rollout" : "check", x.service().name(), approvals, null);
          evaluations.add(evaluator.evaluate(x.image(), x.service(), ctx));
        }
      }
      String text = switch (fmt) {
        case "json" -> PolicyOutput.json(p, evaluations);
        case "sarif" -> PolicyOutput.sarif(p, evaluations, "dev");
        default -> PolicyOutput.table(evaluations);
      };
      emit(spec, output, text);
      return evaluations.stream().allMatch(e -> e.verdict().passed()) ? 0 : DENIED;
    }
  }

  @Command(name = "exceptions", header = "List the policy's exceptions, or export them as OpenVEX.",
      footer = {"", "Examples:", "  drydock policy exceptions --policy drydock-policy.yaml",
        "  drydock policy exceptions --format openvex -o exceptions.openvex.json"},
      mixinStandardHelpOptions = true,
      description = {"Lists the policy's exceptions (expired ones marked EXPIRED), or exports them as OpenVEX v0.2.0."},
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {" 0:Listed; no exception has expired.", " 1:At least one exception has expired (it no longer suppresses).",
        " 2:Usage error.", " 3:Malformed policy.", " 4:Policy not found."})
  static final class Exceptions implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = {"-p", "--policy"}, paramLabel = "FILE", defaultValue = PolicyFile.DEFAULT_NAME,
        description = "The policy file (default: ${DEFAULT-VALUE}).")
    Path policy;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "table", description = "table or openvex. Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE (atomically) instead of stdout.")
    @Nullable Path output;

    @Option(names = "--at", paramLabel = "INSTANT", description = "Judge expiry as of this time; default: now.")
    @Nullable Instant at;

    @Override
    public Integer call() throws Exception {
      RuleSet p = PolicyFiles.read(policy);
      Instant now = at != null ? at : Instant.now();
      LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
      List<PolicyExceptionRule> expired = p.exceptions().expiredOn(today);
      String text;
      if (format.equalsIgnoreCase("openvex")) {
        var doc = OpenVex.document(p.exceptions().rules(), "drydock policy " + policy, now, "urn:drydock:policy:" + policy.getFileName());
        text = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc) + "\n";
      } else if (format.equalsIgnoreCase("table")) {
        var t = new io.drydock.cli.support.Table("ID", "VULNERABILITY", "STATUS", "OWNER", "EXPIRES", "SCOPE");
        for (PolicyExceptionRule r : p.exceptions().rules()) {
          String scope = "packages " + (r.packages().isEmpty() ? "*" : r.packages()) + ", images " + (r.images().isEmpty() ? "*" : r.images())
              + ", services " + (r.services().isEmpty() ? "*" : r.services());
          t.row(r.id(), r.vulnerability(), r.status().wire() + (r.justification() == null ? "" : "/" + r.justification().wire()), r.owner(),
              r.expires() + (r.expiredOn(today) ? " EXPIRED" : ""), scope);
        }
        text = t.render();
      } else {
        throw DrydockException.usage("unknown format '" + format + "' (table, openvex)");
      }
      emit(spec, output, text);
      for (PolicyExceptionRule r : expired) {
        spec.commandLine().getErr().println("warning: exception " + r.id() + " (" + r.vulnerability() + ", owner " + r.owner()
            + ") EXPIRED on " + r.expires() + ": it no longer suppresses anything");
      }
      return expired.isEmpty() ? 0 : 1;
    }
  }
}
