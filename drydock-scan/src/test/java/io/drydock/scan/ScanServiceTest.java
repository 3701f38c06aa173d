package io.drydock.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drydock.image.ImageOptions;
import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import io.drydock.model.Finding;
import io.drydock.model.ScanReport;
import io.drydock.model.event.Event;
import io.drydock.model.event.EventSink;
import io.drydock.model.event.ScanEvent;
import io.drydock.policy.filter.FindingFilter;
import io.drydock.policy.filter.IgnoreFiles;
import io.drydock.scan.db.VulnDb;
import io.drydock.scan.db.VulnDbImporter;
import io.drydock.scan.sbom.JsonSbomWriter;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scan stage as one service, on the language-package image archive and the real language advisories. */
class ScanServiceTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T00:00:00Z"), ZoneOffset.UTC);

  @TempDir Path tmp;

  private final List<Event> events = new ArrayList<>();

  private static Path resource(String name) {
    try {
      return Path.of(Objects.requireNonNull(ScanServiceTest.class.getResource(name), name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private Path db() {
    Path file = tmp.resolve("vulndb.sqlite");
    new VulnDbImporter(CLOCK, EventSink.NONE).importFrom(List.of(resource("/advisories/lang-advisories.zip")), file);
    return file;
  }

  private <T> List<T> events(Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }

  @Test
  void imageAndItsSbomFileGiveTheSameFindingsAndTheSbomScanMakesNoWorkDir() throws Exception {
    Path dbFile = db();
    String image = "oci-archive:" + resource("/images/lang-packages.oci.tar");
    ScanService service = ScanService.create(null, tmp.resolve("work"), events::add, CLOCK);
    ScanReport fromImage;
    try (VulnDb db = service.openDb(dbFile, Duration.ofDays(2), null)) {
      fromImage = service.scan(db, new ScanService.Request(image, ImageOptions.defaults(tmp.resolve("work")), FindingFilter.Criteria.none()));
    }
    assertThat(fromImage.findings()).hasSizeGreaterThan(20);
    assertThat(fromImage.createdAt()).isEqualTo(CLOCK.instant());
    assertThat(events(ScanEvent.FindingAppeared.class)).hasSize(fromImage.findings().size())
        .allSatisfy(e -> assertThat(e.target()).isEqualTo(image));
    ScanEvent.ScanCompleted done = events(ScanEvent.ScanCompleted.class).get(0);
    assertThat(done.packages()).isEqualTo(fromImage.sbom().packages().size());
    assertThat(done.counts().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(fromImage.findings().size());
    assertThat(events(Event.Warning.class)).isEmpty();

    Path sbomFile = tmp.resolve("app.sbom.json");
    try (OutputStream out = Files.newOutputStream(sbomFile)) {
      new JsonSbomWriter(CLOCK, "test").write(fromImage.sbom(), out);
    }
    Path neverMade = tmp.resolve("never");
    ScanService lazy = ScanService.create(null, neverMade, EventSink.NONE, CLOCK);
    ScanReport fromSbom;
    try (VulnDb db = lazy.openDb(dbFile, Duration.ofDays(2), null)) {
      fromSbom = lazy.scan(db, new ScanService.Request(sbomFile.toString(), () -> {
        throw new AssertionError("image options asked for an SBOM file");
      }, FindingFilter.Criteria.none()));
    }
    assertThat(fromSbom.findings()).extracting(Finding::id).containsExactlyElementsOf(fromImage.findings().stream().map(Finding::id).toList());
    assertThat(neverMade).doesNotExist();
  }

  @Test
  void ignoreRulesSuppressAndTheEventsCountOnlyWhatRemains() throws Exception {
    Path dbFile = db();
    String image = "oci-archive:" + resource("/images/lang-packages.oci.tar");
    ScanService service = ScanService.create(null, tmp.resolve("work"), events::add, CLOCK);
    try (VulnDb db = service.openDb(dbFile, Duration.ofDays(2), null)) {
      ScanReport all = service.scan(db, new ScanService.Request(image, ImageOptions.defaults(tmp.resolve("work")), FindingFilter.Criteria.none()));
      String first = all.findings().get(0).id();
      events.clear();
      ScanReport some = service.scan(db, new ScanService.Request(image, ImageOptions.defaults(tmp.resolve("work")),
          new FindingFilter.Criteria(Set.of(), false, IgnoreFiles.parse(first + "\n", ".trivyignore"), List.of())));
      assertThat(some.findings()).extracting(Finding::id).doesNotContain(first);
      assertThat(some.suppressed()).isNotEmpty().allSatisfy(s -> assertThat(s.finding().id()).isEqualTo(first));
      assertThat(some.findings().size() + some.suppressed().size()).isEqualTo(all.findings().size());
      assertThat(events(ScanEvent.FindingAppeared.class)).hasSize(some.findings().size())
          .noneMatch(e -> e.vulnerability().equals(first));
    }
  }

  @Test
  void aDbOlderThanTheMaximumIsADbErrorAndOlderThanTheWarningAgeAWarning() {
    Path dbFile = db();
    Clock later = Clock.offset(CLOCK, Duration.ofDays(3));
    ScanService service = ScanService.create(null, tmp.resolve("work"), events::add, later);
    assertThatThrownBy(() -> service.openDb(dbFile, Duration.ofDays(2), Duration.ofDays(1)))
        .isInstanceOfSatisfying(DrydockException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.DB));
    try (VulnDb db = service.openDb(dbFile, Duration.ofDays(2), null)) {
      assertThat(db.metadata().advisories()).isPositive();
    }
    assertThat(events(Event.Warning.class)).singleElement()
        .satisfies(w -> assertThat(w.message()).contains("the vulnerability DB was last updated"));
  }
}
