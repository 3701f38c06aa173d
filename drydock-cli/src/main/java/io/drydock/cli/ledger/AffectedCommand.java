package io.drydock.cli.ledger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.drydock.cli.support.Table;
import io.drydock.model.DrydockException;
import io.drydock.store.Affected;
import io.drydock.store.Ledger;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code drydock affected CVE-ID|PACKAGE[@VERSION]}: the blast radius, from the ledger alone. */
@Command(name = "affected", header = "List what carries a vulnerability or a package.", mixinStandardHelpOptions = true,
    description = {"List the images, services, hosts and repository files that carry a vulnerability (any id or alias) or a",
        "package (at a version), with their tier: stored SBOMs and their current findings joined with the inventory."},
    footer = {"", "Examples:", "  drydock affected CVE-2024-6119", "  drydock affected openssl@3.3.1-r0 --format json"},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {" 0:Something carries it.", " 1:Nothing in the ledger carries it.", " 2:Usage error.", " 3:Corrupt ledger.",
        " 6:Database unreachable."})
public final class AffectedCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin LedgerOptions ledger;

  @Parameters(paramLabel = "CVE-ID|PACKAGE[@VERSION]", description = "A vulnerability id (CVE-…, GHSA-…, …) or a package name.")
  String query;

  @Option(names = {"-f", "--format"}, defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).")
  String format;

  @Override
  public Integer call() throws Exception {
    Affected.Query q;
    try {
      q = Affected.Query.parse(query);
    } catch (IllegalArgumentException e) {
      throw DrydockException.usage(e.getMessage());
    }
    List<Affected> rows;
    try (Ledger l = ledger.open()) {
      rows = l.affected(q);
    }
    var out = spec.commandLine().getOut();
    switch (format) {
      case "json" -> {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode arr = json.createArrayNode();
        for (Affected a : rows) {
          arr.addObject().put("kind", a.kind()).put("location", a.location()).put("image", a.image())
              .put("digest", a.digest().toString()).put("service", a.service()).put("host", a.host()).put("tier", a.tier())
              .put("present", a.present()).putPOJO("matches", a.matches());
        }
        out.println(json.writeValueAsString(arr));
      }
      case "table" -> {
        Table t = new Table("KIND", "LOCATION", "SERVICE", "HOST", "TIER", "DIGEST", "PRESENT", "MATCH");
        for (Affected a : rows) {
          t.row(a.kind(), a.location(), InventoryCommand.dash(a.service()), InventoryCommand.dash(a.host()),
              InventoryCommand.dash(a.tier()), a.digest().shortHex(), a.present() ? "yes" : "no", String.join("; ", a.matches()));
        }
        out.print(rows.isEmpty() ? "nothing in the ledger carries " + query + "\n" : t.toString());
      }
      default -> throw DrydockException.usage("unknown format " + format + ": table or json");
    }
    return rows.isEmpty() ? 1 : 0;
  }
}
