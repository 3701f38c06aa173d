package io.drydock.cli.ledger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.drydock.cli.support.Console;
import io.drydock.cli.support.ImageOptionsMixin;
import io.drydock.cli.support.Table;
import io.drydock.model.DrydockException;
import io.drydock.store.InventoryEntry;
import io.drydock.store.Ledger;
import io.drydock.store.Recorded;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code drydock inventory sync|list}: what runs where, with first-seen and last-seen times. */
@Command(name = "inventory", header = "Record and show what runs where.", mixinStandardHelpOptions = true,
    description = "The inventory: running containers of each engine, service files, image references in repositories and "
        + "images in registries, with first-seen/last-seen times and each service's tier.",
    subcommands = {InventoryCommand.Sync.class, InventoryCommand.ListEntries.class},
    footer = {"", "Examples:", "  drydock inventory sync --engine unix:///run/podman/podman.sock", "  drydock inventory list --format json"},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {" 0:Success.", " 2:Usage error."})
public final class InventoryCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "sync", header = "Record what runs and is referenced now.", mixinStandardHelpOptions = true,
      description = {"Record what is there now. Each source is one scope: entries of that scope not seen this time are marked",
          "gone. With no source option, the engine at $DOCKER_HOST is synced."},
      footer = {"", "Examples:", "  drydock inventory sync --engine unix:///run/docker.sock --tier web=tier1",
          "  drydock inventory sync --refs ./deploy --service-file web.yaml",
          "  drydock inventory sync --registry 127.0.0.1:5000 --repo-filter '^apps/'"},
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {" 0:Synced.", " 2:Usage error.", " 3:Corrupt ledger or unreadable input.", " 4:A path does not exist.",
          " 5:Registry authentication failed.", " 6:Engine, registry or database unreachable."})
  static final class Sync implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin LedgerOptions ledger;
    @Mixin ImageOptionsMixin imageOptions;

    @Option(names = "--engine", paramLabel = "HOST", description = "A Docker/Podman Engine API (unix:///…sock or tcp://host:port); repeatable.")
    List<String> engines = new ArrayList<>();

    @Option(names = "--refs", paramLabel = "PATH", description = "Record the image references found in these files or directories (as 'drydock refs').")
    List<Path> refs = new ArrayList<>();

    @Option(names = "--service-file", paramLabel = "FILE", description = "Record the image of a drydock service file; repeatable.")
    List<Path> serviceFiles = new ArrayList<>();

    @Option(names = "--registry", paramLabel = "HOST[:PORT]", description = "Record every tag of every repository in the registry's catalog.")
    List<String> registries = new ArrayList<>();

    @Option(names = "--repo-filter", paramLabel = "REGEX", description = "Only repositories whose name matches (found anywhere in the name).")
    @Nullable String repoFilter;

    @Option(names = "--tier", paramLabel = "SERVICE=TIER", description = "A service's criticality tier (also read from the container label io.drydock.tier).")
    Map<String, String> tiers = new LinkedHashMap<>();

    @Option(names = "--analyse", description = "Analyse each digest in the inventory that has no stored SBOM yet (once per digest) and match it "
        + "against the vulnerability DB when there is one.")
    boolean analyse;

    @Option(names = "--db", paramLabel = "FILE", description = "Vulnerability DB for --analyse (default: <cache-dir>/vulndb.sqlite).")
    @Nullable Path db;

    @Override
    public Integer call() throws Exception {
      Console console = Console.of(spec);
      List<String> engineHosts = new ArrayList<>(engines);
      if (engineHosts.isEmpty() && refs.isEmpty() && serviceFiles.isEmpty() && registries.isEmpty()) {
        String host = System.getenv("DOCKER_HOST");
        if (host == null || host.isBlank()) {
          throw DrydockException.usage("nothing to sync: give --engine, --refs, --service-file or --registry (or set DOCKER_HOST)");
        }
        engineHosts.add(host);
      }
      List<Sources.Scope> scopes = new ArrayList<>();
      for (String host : engineHosts) {
        scopes.add(Sources.engine(host, tiers));
      }
      for (Path p : refs) {
        scopes.add(Sources.refs(p, console));
      }
      for (Path f : serviceFiles) {
        scopes.add(Sources.serviceFile(f, tiers));
      }
      if (!registries.isEmpty()) {
        try (var client = imageOptions.registryClient(console)) {
          for (String r : registries) {
            scopes.addAll(Sources.registry(client, r, repoFilter));
          }
        }
      }
      var out = spec.commandLine().getOut();
      try (Ledger l = ledger.open()) {
        for (Sources.Scope s : scopes) {
          List<Recorded> events = l.syncInventory(ledger.actor(), s.kind(), s.prefix(), s.seen());
          out.println(s.kind() + " " + s.name() + ": " + s.seen().size() + " seen, " + events.size() + " changes");
          events.forEach(e -> out.println("  " + e.event().summary()));
        }
        if (analyse) {
          new Analysis(console, imageOptions, db, ledger.actor()).analyseNew(l, out);
        }
      }
      return 0;
    }
  }

  @Command(name = "list", header = "Show the inventory.", mixinStandardHelpOptions = true, description = "Show the inventory.",
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {" 0:Shown.", " 2:Usage error.", " 3:Corrupt ledger.", " 6:Database unreachable."},
    footer = {"", "Examples:", "  drydock inventory list", "  drydock inventory list --all --kind container --format json"})
  static final class ListEntries implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin LedgerOptions ledger;

    @Option(names = {"-f", "--format"}, defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--all", description = "Include entries that are gone.")
    boolean all;

    @Option(names = "--kind", paramLabel = "KIND", description = "Only container, service, ref or registry entries.")
    @Nullable String kind;

    @Override
    public Integer call() throws Exception {
      List<InventoryEntry> entries;
      try (Ledger l = ledger.open()) {
        entries = l.inventory(all).stream().filter(e -> kind == null || e.kind().equals(kind)).toList();
      }
      var out = spec.commandLine().getOut();
      if (format.equals("json")) {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode arr = json.createArrayNode();
        for (InventoryEntry e : entries) {
          var o = arr.addObject().put("kind", e.kind()).put("location", e.location()).put("image", e.image())
              .put("digest", e.digest() == null ? null : e.digest().toString()).put("service", e.service()).put("host", e.host())
              .put("tier", e.tier()).put("firstSeen", e.firstSeen().toString()).put("lastSeen", e.lastSeen().toString())
              .put("present", e.present());
          o.putPOJO("labels", e.labels());
        }
        out.println(json.writeValueAsString(arr));
      } else if (format.equals("table")) {
        Table t = new Table("KIND", "LOCATION", "IMAGE", "DIGEST", "SERVICE", "TIER", "FIRST SEEN", "LAST SEEN", "PRESENT");
        for (InventoryEntry e : entries) {
          t.row(e.kind(), e.location(), e.image(), e.digest() == null ? "-" : e.digest().shortHex(), dash(e.service()), dash(e.tier()),
              e.firstSeen(), e.lastSeen(), e.present() ? "yes" : "no");
        }
        out.print(t);
      } else {
        throw DrydockException.usage("unknown format " + format + ": table or json");
      }
      return 0;
    }
  }

  static String dash(@Nullable String s) {
    return s == null ? "-" : s;
  }
}
