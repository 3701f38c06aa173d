package io.drydock.cli.refs;

import io.drydock.cli.support.Console;
import io.drydock.model.DrydockException;
import io.drydock.refs.find.RefFinder;
import io.drydock.refs.lint.LintFinding;
import io.drydock.refs.lint.LintReports;
import io.drydock.refs.lint.Linter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code drydock refs lint PATH...}. */
@Command(name = "lint", header = "Check image references and Dockerfiles for risky practice.",
    footer = {"", "Examples:",
        "  drydock refs lint .",
        "  drydock refs lint --allowed-registries ghcr.io/acme,registry.k8s.io \\",
        "      --format sarif -o refs.sarif --exit-code 1 ."},
    mixinStandardHelpOptions = true,
    description = "Check image references and Dockerfiles: mutable tags (DD001), missing digests (DD002), registries "
        + "outside --allowed-registries (DD003), unreadable references (DD004), single-stage builds that ship "
        + "build tools (DD101), running as root (DD102), apt-get install without --no-install-recommends "
        + "(DD103) or without removing /var/lib/apt/lists (DD104), ADD of a remote URL (DD105). Images built "
        + "here or only renamed are noted (DD005); a file that could not be read is an error (DD006) unless "
        + "--skip-unreadable.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {" 0:No findings (notes aside), or findings without --exit-code.",
        " N:Findings, or a file that could not be read (unless --skip-unreadable), with --exit-code N.",
        " 2:Usage error.", " 3:A file does not parse (file:line in the message).", " 4:A path does not exist."})
public final class LintCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = {"-f", "--format"}, defaultValue = "table", description = "table, json or sarif (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of stdout.")
  @Nullable Path output;

  @Option(names = "--allowed-registries", split = ",", paramLabel = "REGISTRY[/PATH]",
      description = "Registries (or registry/path prefixes) images may come from, comma-separated.")
  List<String> allowedRegistries = new ArrayList<>();

  @Option(names = "--exit-code", defaultValue = "0", description = "Exit code when there are findings (default: ${DEFAULT-VALUE}).")
  int exitCode;

  @Option(names = "--skip-unreadable",
      description = "Report files that could not be read (DD006) as notes that do not fail --exit-code.")
  boolean skipUnreadable;

  @Mixin
  FinderOptionsMixin finder;

  @Parameters(paramLabel = "PATH", arity = "0..*", description = "Files or directories.")
  List<Path> paths = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    finder.requirePaths(spec, paths);
    RefFinder.Result result = finder.finder(Console.of(spec)).find(paths);
    List<LintFinding> findings = new Linter(allowedRegistries).lint(result.files(), result.skipped(), skipUnreadable);
    long templates = result.skipped().stream().filter(s -> !s.unreadable()).count();
    if (templates > 0) {
      Console.of(spec).warn("skipped " + templates + " template file" + (templates == 1 ? "" : "s")
          + " (Helm chart templates; --helm-render renders them)");
    }
    Path base = Path.of("").toAbsolutePath();
    String report = switch (format) {
      case "table" -> LintReports.table(findings, base);
      case "json" -> LintReports.json(findings, base);
      case "sarif" -> LintReports.sarif(findings, base, version());
      default -> throw DrydockException.usage("--format must be table, json or sarif, not '" + format + "'");
    };
    if (output != null) {
      Files.writeString(output, report, StandardCharsets.UTF_8);
    } else {
      spec.commandLine().getOut().print(report);
      spec.commandLine().getOut().flush();
    }
    return findings.stream().anyMatch(LintFinding::fails) ? exitCode : 0;
  }

  private static String version() {
    String v = LintCommand.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
