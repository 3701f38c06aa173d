package io.drydock.cli;

import io.drydock.cli.support.Console;
import io.drydock.cli.support.ImageOptionsMixin;
import io.drydock.cli.support.Output;
import io.drydock.cli.support.Table;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drydock.model.Finding;
import io.drydock.model.Sbom;
import io.drydock.model.Severity;
import io.drydock.scan.ImageFacts;
import io.drydock.scan.SbomBuilder;
import io.drydock.scan.ScanService;
import io.drydock.scan.db.VulnDb;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code drydock compare IMAGE IMAGE...}: base images side by side, with data. */
@Command(
    name = "compare",
    header = "Compare images side by side: size, layers, packages, CVEs.",
    mixinStandardHelpOptions = true,
    description = {
      "Compare images side by side: size, layers, packages, vulnerabilities by severity (with a vulnerability DB),",
      "shell and package manager present, runs as root, setuid files. The seed's 'Alpine or Debian?' answered with",
      "data. IMAGE takes the same forms as in 'drydock sbom'."
    },
    footer = {"", "Examples:", "  drydock compare 127.0.0.1:5000/fixtures/alpine:3.20.3 \\",
        "      testdata/images/lang-packages.oci.tar"},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {" 0:Done.", " 2:Usage error.", " 3:Invalid image input.", " 4:Image not found.",
        " 5:Registry authentication failed.", " 6:Registry or engine unreachable.", " 7:--db given but missing or unreadable."})
final class CompareCommand implements Callable<Integer> {
  enum Format { table, json }

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "IMAGE", arity = "2..*", description = "Two or more images.")
  List<String> images;

  @Option(names = "--db", paramLabel = "FILE",
      description = "Vulnerability DB (default: <cache-dir>/vulndb.sqlite; without one, vulnerabilities are not compared).")
  @Nullable Path db;

  @Option(names = {"-f", "--format"}, defaultValue = "table", description = "table or json. Default: ${DEFAULT-VALUE}.")
  Format format;

  @Mixin ImageOptionsMixin imageOptions;

  /** One image's column. {@code bySeverity} is null when there was no DB. */
  record Column(String image, Sbom sbom, ImageFacts facts, @Nullable Map<Severity, Integer> bySeverity, int fixable) {}

  @Override
  public Integer call() throws Exception {
    Console console = Console.of(spec);
    ScanService service = imageOptions.scanService(console);
    Path dbFile = imageOptions.vulnDbFile(db);
    VulnDb vulnDb = null;
    if (db != null || Files.isRegularFile(dbFile)) {
      vulnDb = VulnDb.open(dbFile);
    } else {
      console.warn("no vulnerability DB at " + dbFile + "; vulnerabilities are not compared (run 'drydock db update')");
    }
    List<Column> columns = new ArrayList<>();
    try {
      for (String image : images) {
        SbomBuilder.Result r = service.inventory(image, imageOptions.toImageOptions());
        Map<Severity, Integer> counts = null;
        int fixable = 0;
        if (vulnDb != null) {
          counts = new EnumMap<>(Severity.class);
          for (Finding f : service.match(vulnDb, r.sbom()).findings()) {
            counts.merge(f.severity(), 1, Integer::sum);
            fixable += f.isFixable() ? 1 : 0;
          }
        }
        columns.add(new Column(image, r.sbom(), r.facts(), counts, fixable));
      }
    } finally {
      if (vulnDb != null) {
        vulnDb.close();
      }
    }
    Output.write(null, Main.stdout(spec), out -> {
      if (format == Format.json) {
        json(columns, out);
      } else {
        out.write(table(columns).getBytes(StandardCharsets.UTF_8));
      }
    });
    return 0;
  }

  static String table(List<Column> columns) {
    String[] header = new String[columns.size() + 1];
    header[0] = "";
    for (int i = 0; i < columns.size(); i++) {
      header[i + 1] = columns.get(i).image();
    }
    Table t = new Table(header);
    row(t, "OS", columns, c -> c.sbom().os() == null ? "unknown" : c.sbom().os().toString());
    row(t, "Size (compressed)", columns, c -> Console.bytes(c.sbom().image().totalSize()));
    row(t, "Size (uncompressed)", columns, c -> Console.bytes(c.facts().uncompressedBytes()));
    row(t, "Layers", columns, c -> String.valueOf(c.sbom().image().layers().size()));
    row(t, "Packages", columns, c -> String.valueOf(c.sbom().packages().size()));
    row(t, "Vulnerabilities", columns, c -> c.bySeverity() == null ? "n/a (no DB)"
        : String.valueOf(c.bySeverity().values().stream().mapToInt(Integer::intValue).sum()));
    for (Severity s : List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW, Severity.UNKNOWN)) {
      row(t, "  " + s, columns, c -> c.bySeverity() == null ? "-" : String.valueOf(c.bySeverity().getOrDefault(s, 0)));
    }
    row(t, "  with a fix", columns, c -> c.bySeverity() == null ? "-" : String.valueOf(c.fixable()));
    row(t, "Shell", columns, c -> c.facts().shells().isEmpty() ? "none" : "/" + c.facts().shells().get(0));
    row(t, "Package manager", columns, c -> c.facts().packageManagers().isEmpty() ? "none" : String.join(", ", c.facts().packageManagers()));
    row(t, "Runs as root", columns, c -> c.sbom().image().config().runsAsRoot() ? "yes" : "no");
    row(t, "Setuid/setgid files", columns, c -> String.valueOf(c.facts().setuidPaths().size() + c.facts().setgidPaths().size()));
    return t.render();
  }

  private static void row(Table t, String label, List<Column> columns, Function<Column, String> cell) {
    Object[] cells = new Object[columns.size() + 1];
    cells[0] = label;
    for (int i = 0; i < columns.size(); i++) {
      cells[i + 1] = cell.apply(columns.get(i));
    }
    t.row(cells);
  }

  static void json(List<Column> columns, OutputStream out) throws java.io.IOException {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode doc = mapper.createObjectNode();
    doc.put("schema", "drydock.compare/v1");
    ArrayNode list = doc.putArray("images");
    for (Column c : columns) {
      ObjectNode n = list.addObject();
      n.put("image", c.image());
      n.put("os", c.sbom().os() == null ? null : c.sbom().os().toString());
      n.put("size", c.sbom().image().totalSize());
      n.put("uncompressedSize", c.facts().uncompressedBytes());
      n.put("layers", c.sbom().image().layers().size());
      n.put("packages", c.sbom().packages().size());
      if (c.bySeverity() == null) {
        n.putNull("vulnerabilities");
      } else {
        ObjectNode v = n.putObject("vulnerabilities");
        for (Severity s : Severity.values()) {
          v.put(s.name(), c.bySeverity().getOrDefault(s, 0));
        }
        v.put("fixable", c.fixable());
      }
      n.put("shell", !c.facts().shells().isEmpty());
      n.put("packageManager", !c.facts().packageManagers().isEmpty());
      n.put("runsAsRoot", c.sbom().image().config().runsAsRoot());
      n.put("setuidSetgidFiles", c.facts().setuidPaths().size() + c.facts().setgidPaths().size());
    }
    out.write(mapper.writeValueAsBytes(doc));
    out.write('\n');
  }
}
