package io.drydock.cli.refs;

import io.drydock.cli.support.Console;
import io.drydock.cli.support.Table;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drydock.refs.find.FoundRef;
import io.drydock.refs.find.RefFinder;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code drydock refs PATH...}: lists image references with file, line and column. */
@Command(name = "refs", mixinStandardHelpOptions = true, subcommands = LintCommand.class,
    description = "List the image references in Dockerfiles/Containerfiles (FROM, COPY --from), compose files, "
        + "Kubernetes manifests, Helm values and kustomizations. Directories are searched recursively.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {" 0:Done.", " 2:Usage error.", " 3:A file named on the command line does not parse (file:line:column).",
        " 4:A path does not exist."})
public final class RefsCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = {"-f", "--format"}, defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).")
  String format;

  // 0..* so that picocli does not ask for it when a subcommand (lint) follows; checked in call()
  @Parameters(paramLabel = "PATH", arity = "0..*", description = "Files or directories.")
  List<Path> paths = new java.util.ArrayList<>();

  @Override
  public Integer call() throws Exception {
    if (paths.isEmpty()) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing required parameter: 'PATH'");
    }
    RefFinder.Result result = new RefFinder(Console.of(spec)).find(paths);
    var out = spec.commandLine().getOut();
    switch (format) {
      case "json" -> out.print(json(result.refs()));
      case "table" -> {
        Table t = new Table("LOCATION", "KIND", "IMAGE", "PINNED", "NOTE");
        for (FoundRef r : result.refs()) {
          t.row(Paths.location(r), r.kind().name().toLowerCase(java.util.Locale.ROOT), r.written(),
              r.isPinned() ? "yes" : "no", r.problem() != null ? r.problem()
                  : r.site() instanceof io.drydock.refs.find.Site.Fixed f ? "cannot rewrite: " + f.reason() : "");
        }
        out.print(t);
      }
      default -> throw io.drydock.model.DrydockException.usage("--format must be table or json, not '" + format + "'");
    }
    out.flush();
    return 0;
  }

  static String json(List<FoundRef> refs) throws Exception {
    ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ArrayNode arr = m.createArrayNode();
    for (FoundRef r : refs) {
      ObjectNode o = arr.addObject();
      o.put("file", Paths.show(r.file())).put("line", r.line()).put("column", r.column())
          .put("kind", r.kind().name().toLowerCase(java.util.Locale.ROOT)).put("written", r.written());
      if (r.image() != null) {
        o.put("image", r.image().toString()).put("repository", r.image().registry() + "/" + r.image().repository());
        o.put("tag", r.image().tag());
        o.put("digest", r.image().digest() == null ? null : r.image().digest().toString());
      }
      o.put("platform", r.platform()).put("pinned", r.isPinned()).put("rewritable", r.isRewritable());
      if (r.problem() != null) {
        o.put("problem", r.problem());
      }
    }
    return m.writeValueAsString(arr) + "\n";
  }
}
