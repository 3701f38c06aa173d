package io.drydock.cli.refs;

import io.drydock.cli.support.Console;
import io.drydock.cli.support.ImageOptionsMixin;
import io.drydock.cli.support.Table;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drydock.image.registry.RegistryClient;
import io.drydock.model.DrydockException;
import io.drydock.model.ImageRef;
import io.drydock.model.event.EventSink;
import io.drydock.refs.find.FoundRef;
import io.drydock.refs.find.RefKind;
import io.drydock.refs.find.Site;
import io.drydock.refs.find.SourceFile;
import io.drydock.refs.outdated.CandidateScanner;
import io.drydock.refs.outdated.OutdatedFinder;
import io.drydock.refs.outdated.OutdatedRef;
import io.drydock.refs.outdated.RankedCandidate;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code drydock outdated PATH|IMAGE...}. */
@Command(name = "outdated", header = "Show newer tags for each image reference, ranked by CVEs.",
    footer = {"", "Examples:",
        "  drydock outdated .",
        "  drydock outdated --allow-major nginx:1.25.3-alpine",
        "  drydock outdated --apply --exit-code 1 deploy/"},
    mixinStandardHelpOptions = true,
    description = "For each image reference, the newer tags in the same line (same variant suffix and precision: "
        + "1.25.3-alpine3.19 → 1.25.4-alpine3.19, never -alpine3.20; a new major only with --allow-major) and "
        + "whether a pinned tag now points at a new digest. With a vulnerability database, each candidate is "
        + "scanned and ranked by the vulnerabilities it leaves, fixes and introduces. --apply rewrites each "
        + "reference to its best candidate, pinned to its digest.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {" 0:Done (nothing outdated, or no --exit-code).", " N:Something is outdated, with --exit-code N.",
        " 2:Usage error.", " 3:A file does not parse.", " 4:A path, repository or tag does not exist.",
        " 5:Registry authentication failed.", " 6:Registry unreachable."})
public final class OutdatedCommand implements Callable<Integer> {
  private final @Nullable Function<RegistryClient, CandidateScanner> scanners;

  @Spec
  CommandSpec spec;

  @Mixin
  ImageOptionsMixin registry;

  @Option(names = "--allow-major", description = "Also offer new major versions (20-bookworm-slim → 22-bookworm-slim).")
  boolean allowMajor;

  @Option(names = "--apply", description = "Rewrite each outdated reference in its file to the best candidate, pinned.")
  boolean apply;

  @Option(names = {"-f", "--format"}, defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--exit-code", defaultValue = "0", description = "Exit code when something is outdated (default: ${DEFAULT-VALUE}).")
  int exitCode;

  @Mixin
  FinderOptionsMixin finder;

  @Parameters(paramLabel = "PATH|IMAGE", arity = "1..*", description = "Files, directories or image references.")
  List<String> targets;

  /** Candidates are scanned against the vulnerability DB in the cache dir, when there is one. */
  public OutdatedCommand() {
    this.scanners = null;
  }

  /** With a given scanner built on the command's registry client (tests). */
  public OutdatedCommand(Function<RegistryClient, CandidateScanner> scanners) {
    this.scanners = scanners;
  }

  @Override
  public Integer call() throws Exception {
    if (!format.equals("table") && !format.equals("json")) {
      throw DrydockException.usage("--format must be table or json, not '" + format + "'");
    }
    EventSink events = Console.of(spec);
    List<Path> paths = new ArrayList<>();
    List<FoundRef> images = new ArrayList<>();
    for (String t : targets) {
      Path p = Path.of(t);
      if (Files.exists(p)) {
        paths.add(p);
      } else {
        try {
          ImageRef ref = ImageRef.parse(t);
          images.add(new FoundRef(Path.of("(argument)"), 1, 1, RefKind.COMPOSE, t, ref,
              new Site.Fixed("given on the command line"), null, null));
        } catch (IllegalArgumentException e) {
          throw DrydockException.notFound("Tried to read " + t + " but failed because: it is neither an existing path nor an image reference ("
              + e.getMessage() + ")");
        }
      }
    }
    List<SourceFile> files = paths.isEmpty() ? List.of() : finder.finder(events).find(paths).files();
    List<FoundRef> refs = new ArrayList<>(images);
    files.forEach(f -> refs.addAll(f.refs()));
    List<OutdatedRef> results;
    CandidateScanner scanner = scanners != null ? null : ScanningCandidates.open(registry, events);
    try (RegistryClient client = registry.registryClient(events);
        AutoCloseable closeScanner = scanner instanceof ScanningCandidates s ? s : () -> {}) {
      OutdatedFinder finder = new OutdatedFinder(client::listTags, client::headDigest,
          scanner != null ? scanner : scanners.apply(client), events);
      results = finder.check(refs, allowMajor);
      if (apply) {
        List<SourceFile> changed = finder.apply(files, results);
        spec.commandLine().getErr().println("rewrote " + changed.size() + " file" + (changed.size() == 1 ? "" : "s"));
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(format.equals("json") ? json(results) : table(results));
    out.flush();
    return results.stream().anyMatch(OutdatedRef::isOutdated) ? exitCode : 0;
  }

  private static String table(List<OutdatedRef> results) {
    Table t = new Table("LOCATION", "IMAGE", "BEST", "TYPE", "VULNS", "FIXED", "NEW", "OTHER CANDIDATES", "NOTE");
    for (OutdatedRef o : results) {
      FoundRef r = o.ref();
      String loc = r.file().toString().equals("(argument)") ? "(argument)" : Paths.location(r);
      String note = o.digestChanged() ? "tag moved to " + o.tagDigest().shortHex() : o.note() == null ? "" : o.note();
      if (o.ranked().isEmpty()) {
        t.row(loc, r.written(), o.digestChanged() ? "(same tag, new digest)" : "up to date", "", "", "", "", "", note);
        continue;
      }
      RankedCandidate b = o.ranked().get(0);
      List<String> others = o.ranked().stream().skip(1).map(RankedCandidate::tag).toList();
      t.row(loc, r.written(), b.tag(), b.candidate().type().name().toLowerCase(Locale.ROOT),
          b.vulnerabilities().map(v -> String.valueOf(v.size())).orElse("-"),
          b.vulnerabilities().isPresent() ? String.valueOf(b.fixed().size()) : "-",
          b.vulnerabilities().isPresent() ? String.valueOf(b.introduced().size()) : "-",
          String.join(" ", others), note);
    }
    return t.render();
  }

  private static String json(List<OutdatedRef> results) throws Exception {
    ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ArrayNode arr = m.createArrayNode();
    for (OutdatedRef o : results) {
      ObjectNode n = arr.addObject();
      FoundRef r = o.ref();
      n.put("file", r.file().toString().equals("(argument)") ? null : Paths.show(r.file()));
      n.put("line", r.line()).put("column", r.column()).put("written", r.written());
      n.put("digestChanged", o.digestChanged());
      n.put("tagDigest", o.tagDigest() == null ? null : o.tagDigest().toString());
      n.put("note", o.note());
      o.currentVulnerabilities().ifPresent(v -> ids(n.putArray("vulnerabilities"), v));
      ArrayNode cands = n.putArray("candidates");
      for (RankedCandidate c : o.ranked()) {
        ObjectNode cn = cands.addObject().put("tag", c.tag()).put("type", c.candidate().type().name().toLowerCase(Locale.ROOT));
        c.vulnerabilities().ifPresent(v -> {
          cn.put("vulnerabilityCount", v.size());
          ids(cn.putArray("fixed"), c.fixed());
          ids(cn.putArray("introduced"), c.introduced());
        });
      }
    }
    return m.writeValueAsString(arr) + "\n";
  }

  private static void ids(ArrayNode arr, Set<String> ids) {
    new TreeSet<>(ids).forEach(arr::add);
  }
}
