package io.drydock.cli.ledger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drydock.cli.support.Output;
import io.drydock.model.Digest;
import io.drydock.model.DrydockException;
import io.drydock.model.event.LedgerEvent;
import io.drydock.store.AuditChain;
import io.drydock.store.Ledger;
import io.drydock.store.Recorded;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
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

/** {@code drydock audit verify|export|log|patch|revert|approve}: the hash-chained event log. */
@Command(name = "audit", header = "Verify, export and add to the audit trail.", mixinStandardHelpOptions = true,
    description = "The audit trail: every event drydock recorded (who, what, when, why, image digests), each carrying the hash "
        + "of the one before it.",
    subcommands = {AuditCommand.Verify.class, AuditCommand.Export.class, AuditCommand.Log.class, AuditCommand.Patch.class,
        AuditCommand.Revert.class, AuditCommand.Approve.class},
    footer = {"", "Examples:", "  drydock audit verify", "  drydock audit export -o audit.jsonl"},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {" 0:Success.", " 2:Usage error."})
public final class AuditCommand implements Runnable {
  /** Made on first use: picocli instantiates every command to build the tree, and a mapper costs ~0.3 s there. */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "verify", header = "Check the hash chain of the audit trail.", mixinStandardHelpOptions = true,
      description = "Recompute the hash chain and report every edited, deleted, inserted or reordered event.",
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {" 0:The chain is intact.", " 2:Usage error.", " 3:The ledger file is corrupt.", " 6:The database is unreachable.",
          "10:The chain is broken (each break is listed)."},
    footer = {"", "Examples:", "  drydock audit verify", "  drydock audit verify --expect-head 3f0c9a2e"})
  static final class Verify implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin LedgerOptions ledger;

    @Option(names = "--expect-head", paramLabel = "HASH",
        description = "The last event's hash as recorded elsewhere (an earlier export, a ticket): finds events removed from the end.")
    @Nullable String expectHead;

    @Override
    public Integer call() {
      try (Ledger l = ledger.open()) {
        List<AuditChain.Problem> problems = l.verify(expectHead);
        PrintStream out = Stdout.of(spec);
        if (problems.isEmpty()) {
          List<Recorded> last = new ArrayList<>();
          l.events(1, null, null, r -> {
            last.clear();
            last.add(r);
          });
          out.println("ok: " + (last.isEmpty() ? "0 events" : last.get(0).seq() + " events, head " + last.get(0).hash()));
          return 0;
        }
        for (AuditChain.Problem p : problems) {
          out.println("event " + p.seq() + ": " + p.what());
        }
        spec.commandLine().getErr().println("drydock: the audit chain of " + l.location() + " is broken (" + problems.size() + " problems)");
        return 10;
      }
    }
  }

  @Command(name = "export", header = "Write the audit trail as JSON Lines.", mixinStandardHelpOptions = true,
      description = "Write the events as JSON Lines: one object per event with seq, at, actor, reason, type, digests, event, prevHash, hash.",
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {" 0:Written.", " 2:Usage error.", " 3:The ledger file is corrupt.", " 6:The database is unreachable."},
    footer = {"", "Examples:", "  drydock audit export -o audit.jsonl", "  drydock audit export --since 2026-12-01T00:00:00Z"})
  static final class Export implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin LedgerOptions ledger;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write here instead of stdout.")
    @Nullable Path output;

    @Option(names = "--since", paramLabel = "INSTANT", description = "Only events at or after (2026-12-01T00:00:00Z).")
    @Nullable Instant since;

    @Option(names = "--until", paramLabel = "INSTANT", description = "Only events before.")
    @Nullable Instant until;

    @Override
    public Integer call() throws Exception {
      try (Ledger l = ledger.open()) {
        Output.write(output, Stdout.of(spec), out -> l.events(1, since, until, r -> line(out, r)));
      }
      return 0;
    }

    static void line(OutputStream out, Recorded r) {
      try {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("seq", r.seq()).put("at", r.at().toString()).put("actor", r.actor()).put("reason", r.reason()).put("type", r.type());
        o.putPOJO("digests", r.digests());
        o.set("event", Json.MAPPER.readTree(r.body()));
        o.put("prevHash", r.prevHash()).put("hash", r.hash());
        out.write((Json.MAPPER.writeValueAsString(o) + "\n").getBytes(StandardCharsets.UTF_8));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  @Command(name = "log", header = "Show the audit trail, one line per event.", mixinStandardHelpOptions = true, description = "Show the events, one line each.",
    footer = {"", "Examples:", "  drydock audit log", "  drydock audit log --since 2026-12-01T00:00:00Z"},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {" 0:Shown.", " 2:Usage error.", " 3:Corrupt ledger.", " 6:Database unreachable."})
  static final class Log implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin LedgerOptions ledger;

    @Option(names = "--since", paramLabel = "INSTANT", description = "Only events at or after.")
    @Nullable Instant since;

    @Override
    public Integer call() {
      PrintStream out = Stdout.of(spec);
      try (Ledger l = ledger.open()) {
        l.events(1, since, null, r -> out.println(r.seq() + "  " + r.at() + "  " + r.actor() + "  " + r.type() + "  "
            + (r.event() == null ? r.body() : r.event().summary())));
      }
      return 0;
    }
  }

  @Command(name = "patch", header = "Record that a service moved to a patched image.", mixinStandardHelpOptions = true,
      description = "Record that SERVICE moved from one image digest to a patched one (what drydock patch and rollout record themselves).",
    footer = {"", "Examples:", "  drydock audit patch web \"$OLD_DIGEST\" \"$NEW_DIGEST\" --fix CVE-2024-9143"},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {" 0:Recorded.", " 2:Usage error.", " 3:Corrupt ledger.", " 6:Database unreachable."})
  static final class Patch implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin LedgerOptions ledger;
    @Parameters(index = "0", paramLabel = "SERVICE") String service;
    @Parameters(index = "1", paramLabel = "FROM-DIGEST") String from;
    @Parameters(index = "2", paramLabel = "TO-DIGEST") String to;
    @Option(names = "--fix", paramLabel = "ID", split = ",", description = "Vulnerabilities the new image fixes.") List<String> fixes = new ArrayList<>();
    @Option(names = "--why", paramLabel = "TEXT", description = "Reason recorded with the event.") @Nullable String why;

    @Override
    public Integer call() {
      return record(spec, ledger, why, new LedgerEvent.PatchApplied(service, digest(from), digest(to), fixes));
    }
  }

  @Command(name = "revert", header = "Record that a patch rollout was aborted or undone.", mixinStandardHelpOptions = true,
      description = "Record that a patch rollout of SERVICE was aborted or undone (counts against the regression rate).",
    footer = {"", "Examples:", "  drydock audit revert web \"$NEW_DIGEST\" \"$OLD_DIGEST\" --why \"5xx rate\""},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {" 0:Recorded.", " 2:Usage error.", " 3:Corrupt ledger.", " 6:Database unreachable."})
  static final class Revert implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin LedgerOptions ledger;
    @Parameters(index = "0", paramLabel = "SERVICE") String service;
    @Parameters(index = "1", paramLabel = "FROM-DIGEST") String from;
    @Parameters(index = "2", paramLabel = "TO-DIGEST") String to;
    @Option(names = "--why", paramLabel = "TEXT", required = true, description = "What went wrong.") String why;

    @Override
    public Integer call() {
      return record(spec, ledger, why, new LedgerEvent.PatchReverted(service, digest(from), digest(to), why));
    }
  }

  @Command(name = "approve", header = "Record an approval.", mixinStandardHelpOptions = true, description = "Record an approval (an exception, a gated rollout).",
    footer = {"", "Examples:", "  drydock audit approve \"exception CVE-2024-9143 for web\" --why \"not reachable\""},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {" 0:Recorded.", " 2:Usage error.", " 3:Corrupt ledger.", " 6:Database unreachable."})
  static final class Approve implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin LedgerOptions ledger;
    @Parameters(index = "0", paramLabel = "SUBJECT") String subject;
    @Option(names = "--why", paramLabel = "TEXT", required = true, description = "Why it is approved.") String why;

    @Override
    public Integer call() {
      return record(spec, ledger, why, new LedgerEvent.Approved(subject, ledger.actor(), why));
    }
  }

  static int record(CommandSpec spec, LedgerOptions ledger, @Nullable String why, io.drydock.model.event.DomainEvent e) {
    try (Ledger l = ledger.open()) {
      Recorded r = l.append(ledger.actor(), why, e);
      Stdout.of(spec).println(r.seq() + "  " + e.summary());
    }
    return 0;
  }

  static Digest digest(String text) {
    try {
      return Digest.parse(text);
    } catch (IllegalArgumentException e) {
      throw DrydockException.usage(e.getMessage());
    }
  }
}
