package io.drydock.cli.ledger;

import io.drydock.cli.support.Output;
import io.drydock.model.DrydockException;
import io.drydock.store.Ledger;
import io.drydock.store.Recorded;
import io.drydock.store.report.Metrics;
import io.drydock.store.report.ReportWriter;
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
import picocli.CommandLine.Spec;

/** {@code drydock report}: patch report and metrics, computed from the audit log only (docs/metrics.md). */
@Command(name = "report", header = "Report patches and metrics from the audit log.", mixinStandardHelpOptions = true,
    description = {"Patched images, CVEs fixed, open findings by SLA state, MTTP and time to remediation (mean, p50, p90 per",
        "severity and tier), adoption and regression rate, computed from the audit log only. Definitions: docs/metrics.md."},
    footer = {"", "Examples:", "  drydock report --since 2026-11-01T00:00:00Z --format md",
        "  drydock report --tier tier1 --format html -o report.html"},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {" 0:Written.", " 2:Usage error.", " 3:Corrupt ledger.", " 6:Database unreachable."})
public final class ReportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin LedgerOptions ledger;

  @Option(names = "--since", paramLabel = "INSTANT", description = "Count what ended at or after (2026-11-01T00:00:00Z).")
  @Nullable Instant since;

  @Option(names = "--until", paramLabel = "INSTANT", description = "Replay events before this (default: now).")
  @Nullable Instant until;

  @Option(names = "--service", paramLabel = "NAME", description = "Only this service.")
  @Nullable String service;

  @Option(names = "--tier", paramLabel = "TIER", description = "Only services of this tier.")
  @Nullable String tier;

  @Option(names = "--format", defaultValue = "md", description = "md, html, json or csv (default: ${DEFAULT-VALUE}).")
  ReportWriter.Format format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write here instead of stdout.")
  @Nullable Path output;

  @Override
  public Integer call() throws Exception {
    Instant end = until != null ? until : Instant.now();
    if (since != null && !since.isBefore(end)) {
      throw DrydockException.usage("--since must be before --until");
    }
    List<Recorded> events = new ArrayList<>();
    try (Ledger l = ledger.open()) {
      l.events(1, null, end, events::add);
    }
    Metrics.Report r = Metrics.compute(events, new Metrics.Query(since, end, service, tier, Metrics.Query.DEFAULT_SLA));
    byte[] body = ReportWriter.render(r, format).getBytes(StandardCharsets.UTF_8);
    Output.write(output, Stdout.of(spec), out -> out.write(body));
    return 0;
  }
}
