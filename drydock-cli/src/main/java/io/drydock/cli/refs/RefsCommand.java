package io.drydock.cli.refs;

import io.drydock.cli.support.Console;
import io.drydock.cli.support.Table;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drydock.refs.find.FoundRef;
import io.drydock.refs.find.RefFinder;
import io.drydock.refs.find.SkippedFile;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code drydock refs PATH...}: lists image references with file, line and column. */
@Command(name = "refs", header = "List the image references in a repository's files.",
    footer = {"", "Examples:",
        "  drydock refs .",
        "  drydock refs --format json --env-file prod.env deploy/ docker-compose.yaml"},
    mixinStandardHelpOptions = true, subcommands = LintCommand.class,
    description = "List the image references in Dockerfiles/Containerfiles (FROM, COPY --from, RUN --mount from=, "
        + "# syntax=), compose files (variables interpolated as Compose does), Kubernetes manifests (any kind with a "
        + "pod template, and custom kinds with --image-fields), Helm values and kustomizations. Directories are "
        + "searched recursively; files that could not be read, and Helm templates, are listed as skipped.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {" 0:Done (files skipped while walking a directory are listed, not failed).", " 2:Usage error.", " 3:A file named on the command line does not parse (file:line:column).",
        " 4:A path does not exist."})
public final class RefsCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = {"-f", "--format"}, defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).")
  String format;

  @Mixin
  FinderOptionsMixin finder;

  // 0..* so that picocli does not ask for it when a subcommand (lint) follows; checked in call()
  @Parameters(paramLabel = "PATH", arity = "0..*", description = "Files or directories.")
  List<Path> paths = new java.util.ArrayList<>();

  @Override
  public Integer call() throws Exception {
    finder.requirePaths(spec, paths);
    RefFinder.Result result = finder.finder(Console.of(spec)).find(paths);
    var out = spec.commandLine().getOut();
    switch (format) {
      case "json" -> out.print(json(result));
      case "table" -> {
        Table t = new Table("LOCATION", "KIND", "IMAGE", "PINNED", "NOTE");
        for (FoundRef r : result.refs()) {
          t.row(Paths.location(r), r.kind().name().toLowerCase(java.util.Locale.ROOT), r.written(),
              !r.isPulled() ? "-" : r.isPinned() ? "yes" : "no", note(r));
        }
        out.print(t);
        out.print(FinderOptionsMixin.skippedTable(result.skipped()));
      }
      default -> throw io.drydock.model.DrydockException.usage("--format must be table or json, not '" + format + "'");
    }
    out.flush();
    return 0;
  }

  /** What the NOTE column says: why it cannot be read or rewritten, its role, its variables. */
  static String note(FoundRef r) {
    List<String> parts = new java.util.ArrayList<>();
    if (r.problem() != null) {
      parts.add(r.problem());
    }
    if (r.note() != null) {
      parts.add(r.note());
    }
    if (r.variables() != null && !r.variables().used().isEmpty()) {
      String e = r.variables().expression();
      parts.add(e.matches("\\$\\{?\\w+}?") ? r.variables().describe() : e + ": " + r.variables().describe());
    }
    if (r.problem() == null && r.isPulled() && r.site() instanceof io.drydock.refs.find.Site.Fixed f) {
      parts.add("cannot rewrite: " + f.reason());
    }
    return String.join("; ", parts);
  }

  static String json(RefFinder.Result result) throws Exception {
    ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = m.createObjectNode();
    ArrayNode arr = root.putArray("references");
    for (FoundRef r : result.refs()) {
      ObjectNode o = arr.addObject();
      o.put("file", Paths.show(r.file())).put("line", r.line()).put("column", r.column())
          .put("kind", r.kind().name().toLowerCase(java.util.Locale.ROOT)).put("written", r.written());
      if (r.image() != null) {
        o.put("image", r.image().toString()).put("repository", r.image().registry() + "/" + r.image().repository());
        o.put("tag", r.image().tag());
        o.put("digest", r.image().digest() == null ? null : r.image().digest().toString());
      }
      o.put("platform", r.platform()).put("pinned", r.isPinned()).put("rewritable", r.isRewritable());
      o.put("role", r.role().name().toLowerCase(java.util.Locale.ROOT));
      if (r.problem() != null) {
        o.put("problem", r.problem());
      }
      if (r.note() != null) {
        o.put("note", r.note());
      }
      if (r.variables() != null) {
        ObjectNode v = o.putObject("variables").put("expression", r.variables().expression());
        ObjectNode used = v.putObject("used");
        r.variables().used().forEach(u -> used.put(u.name(), u.source().name().toLowerCase(java.util.Locale.ROOT)));
      }
    }
    ArrayNode skipped = root.putArray("skipped");
    for (SkippedFile s : result.skipped()) {
      skipped.addObject().put("file", Paths.show(s.file())).put("reason", s.reason().label()).put("detail", s.detail());
    }
    return m.writeValueAsString(root) + "\n";
  }
}
