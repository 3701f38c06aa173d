package io.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.drydock.image.ImageOptions;
import io.drydock.model.ScanReport;
import io.drydock.model.Severity;
import io.drydock.model.event.Event;
import io.drydock.model.event.EventSink;
import io.drydock.model.event.ScanEvent;
import io.drydock.policy.Policy;
import io.drydock.policy.Verdict;
import io.drydock.policy.filter.FindingFilter;
import io.drydock.policy.filter.IgnoreFiles;
import io.drydock.scan.ScanService;
import io.drydock.scan.db.VulnDb;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code drydock scan} against the test registry: the CI gate on a real pull, through the CLI and through {@link ScanService}. */
class ScanIT {
  private static String registry;

  @TempDir Path tmp;

  @BeforeAll
  static void environment() {
    registry = System.getenv("DRYDOCK_TEST_REGISTRY");
    assertThat(registry).as("DRYDOCK_TEST_REGISTRY unset: run scripts/test-env.sh up").isNotBlank();
  }

  @Test
  void alpineFromTheRegistryFailsTheGateWithExitCodeOne() {
    Path db = ScanFixtures.alpineDb(tmp, Clock.systemUTC());
    Cli cli = Cli.run("scan", "--cache-dir", tmp.resolve("cache").toString(), "--db", db.toString(), "--exit-code", "1",
        registry + "/fixtures/alpine:3.20.3");
    assertThat(cli.exitCode()).as(cli.err()).isEqualTo(1);
    assertThat(cli.out()).contains(registry + "/fixtures/alpine:3.20.3 (alpine 3.20.3)", "Total: 56", "CVE-2024-9143");
  }

  @Test
  void theSameImageIsCleanForTheGateWhenEveryFindingIsIgnored() throws Exception {
    Path db = ScanFixtures.alpineDb(tmp, Clock.systemUTC());
    Path json = tmp.resolve("report.json");
    Cli first = Cli.run("scan", "--cache-dir", tmp.resolve("cache").toString(), "--db", db.toString(), "--format", "json", "-o",
        json.toString(), registry + "/fixtures/alpine:3.20.3");
    assertThat(first.exitCode()).as(first.err()).isZero();
    StringBuilder ignore = new StringBuilder();
    ScanFixtures.JSON.readTree(json.toFile()).get("findings").forEach(f -> ignore.append(f.get("id").asText()).append('\n'));
    Path file = java.nio.file.Files.writeString(tmp.resolve(".trivyignore"), ignore);
    Cli cli = Cli.run("scan", "--cache-dir", tmp.resolve("cache").toString(), "--db", db.toString(), "--exit-code", "1", "--ignorefile",
        file.toString(), registry + "/fixtures/alpine:3.20.3");
    assertThat(cli.exitCode()).as(cli.err()).isZero();
    assertThat(cli.out()).contains("Total: 0", "Suppressed Vulnerabilities (Total: 56)");
  }

  @Test
  void anImageThatDoesNotExistIsExitFour() {
    Path db = ScanFixtures.alpineDb(tmp, Clock.systemUTC());
    Cli cli = Cli.run("scan", "--cache-dir", tmp.resolve("cache").toString(), "--db", db.toString(), registry + "/fixtures/nope:1");
    assertThat(cli.exitCode()).as(cli.err()).isEqualTo(4);
    assertThat(cli.err()).hasLineCount(1);
  }

  /**
   * The scan stage wired as a server would wire it, without picocli: {@link ScanService} with its own cache dir,
   * work dir and event sink, the same pull and advisories, and {@link Policy} for the verdict.
   */
  @Test
  void scanServiceWithoutTheCliScansTheImageAndEmitsTypedEvents() throws Exception {
    Clock clock = Clock.systemUTC();
    Path dbFile = ScanFixtures.alpineDb(tmp, clock);
    List<Event> events = new CopyOnWriteArrayList<>();
    EventSink sink = events::add;
    ScanService service = ScanService.create(tmp.resolve("cache"), tmp.resolve("work"), sink, clock);
    String image = registry + "/fixtures/alpine:3.20.3";
    ScanReport all;
    ScanReport ignored;
    try (VulnDb db = service.openDb(dbFile, Duration.ofDays(2), null)) {
      all = service.scan(db, new ScanService.Request(image, ImageOptions.defaults(tmp.resolve("work")), FindingFilter.Criteria.none()));
      // the filter step: one vulnerability ignored as a .trivyignore would
      ignored = service.scan(db, new ScanService.Request(image, ImageOptions.defaults(tmp.resolve("work")),
          new FindingFilter.Criteria(Set.of(), false, IgnoreFiles.parse("CVE-2024-9143\n", ".trivyignore"), List.of())));
    }

    // the same 56 findings the CLI's ScanIT sees through `drydock scan`
    assertThat(all.findings()).hasSize(56);
    assertThat(all.findings()).extracting(f -> f.id()).contains("CVE-2024-9143");
    assertThat(all.sbom().image()).isNotNull();
    long cve = all.findings().stream().filter(f -> f.id().equals("CVE-2024-9143")).count();
    assertThat(ignored.findings()).hasSize(56 - (int) cve).noneMatch(f -> f.id().equals("CVE-2024-9143"));
    assertThat(ignored.suppressed()).hasSize((int) cve)
        .allSatisfy(x -> assertThat(x.source()).isEqualTo(".trivyignore:1"));

    List<ScanEvent.FindingAppeared> appeared = events.stream()
        .filter(ScanEvent.FindingAppeared.class::isInstance).map(ScanEvent.FindingAppeared.class::cast).toList();
    assertThat(appeared).hasSize(all.findings().size() + ignored.findings().size());
    assertThat(appeared).allSatisfy(e -> {
      assertThat(e.target()).isEqualTo(image);
      assertThat(e.manifest()).isEqualTo(all.sbom().image().manifestDigest());
      assertThat(e.purl()).startsWith("pkg:apk/alpine/");
    });
    List<ScanEvent.ScanCompleted> completed = events.stream()
        .filter(ScanEvent.ScanCompleted.class::isInstance).map(ScanEvent.ScanCompleted.class::cast).toList();
    assertThat(completed).hasSize(2);
    assertThat(completed.get(0).counts().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(56);
    assertThat(completed.get(1).counts().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(56 - (int) cve);
    assertThat(completed.get(0).counts()).containsOnlyKeys(Severity.values());
    assertThat(completed.get(0).manifest()).isEqualTo(all.sbom().image().manifestDigest()).isNotNull();

    Verdict gate = Policy.evaluate(all, new Policy.Context(1));
    assertThat(gate.passed()).isFalse();
    assertThat(new Policy.Context(1).exitCodeOf(gate)).isEqualTo(1);
    assertThat(Policy.evaluate(all, new Policy.Context(0)).passed()).isTrue();
  }
}
