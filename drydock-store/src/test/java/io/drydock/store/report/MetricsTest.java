package io.drydock.store.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.drydock.model.Digest;
import io.drydock.model.Severity;
import io.drydock.model.event.DomainEvent;
import io.drydock.model.event.LedgerEvent;
import io.drydock.store.Recorded;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MetricsTest {
  static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
  static final Digest D1 = Digest.sha256("d1".getBytes(StandardCharsets.UTF_8));
  static final Digest D2 = Digest.sha256("d2".getBytes(StandardCharsets.UTF_8));

  /** A log written in hours since T0. */
  static final class Log {
    final List<Recorded> events = new ArrayList<>();

    Log at(double hours, DomainEvent e) {
      events.add(new Recorded(events.size() + 1, T0.plusMillis((long) (hours * 3_600_000)), "t", null, "x", e, List.of(), "{}", "", ""));
      return this;
    }

    Log run(double h, String location, String service, Digest d) {
      return at(h, new LedgerEvent.ImageSeen("container", location, "img", d, service, "h", "tier1", Map.of()));
    }

    Log gone(double h, String location, String service, Digest d) {
      return at(h, new LedgerEvent.ImageGone("container", location, "img", d, service));
    }

    Log finding(double h, Digest d, String id, Severity s, String... fixed) {
      return at(h, new LedgerEvent.FindingAppeared(d, id, "openssl", "3.0.1", s, List.of(fixed)));
    }

    Log patch(double h, String service) {
      return at(h, new LedgerEvent.PatchApplied(service, D1, D2, List.of("CVE-A")));
    }
  }

  static Metrics.Report report(Log log, double untilHours) {
    return Metrics.compute(log.events, new Metrics.Query(null, T0.plusSeconds((long) (untilHours * 3600)), null, null,
        Metrics.Query.DEFAULT_SLA));
  }

  static Duration h(double hours) {
    return Duration.ofMillis((long) (hours * 3_600_000));
  }

  static Stream<Arguments> mttp() {
    return Stream.of(
        Arguments.of("fix available at detection, patched image running 4 h later",
            new Log().run(0, "h/web", "web", D1).finding(1, D1, "CVE-A", Severity.HIGH, "3.0.2").patch(5, "web").run(5, "h/web", "web", D2),
            1, h(4), h(4)),
        Arguments.of("fix published after detection: MTTP counts from the fix",
            new Log().run(0, "h/web", "web", D1).finding(1, D1, "CVE-A", Severity.HIGH).finding(3, D1, "CVE-A", Severity.HIGH, "3.0.2")
                .run(10, "h/web", "web", D2),
            1, h(7), h(9)),
        Arguments.of("image running after the finding was known: detection is when it started",
            new Log().finding(0, D1, "CVE-A", Severity.HIGH, "3.0.2").run(2, "h/web", "web", D1).run(3, "h/web", "web", D2),
            1, h(1), h(1)),
        Arguments.of("service stopped: remediated, not patched",
            new Log().run(0, "h/web", "web", D1).finding(1, D1, "CVE-A", Severity.HIGH, "3.0.2").gone(6, "h/web", "web", D1),
            0, Duration.ZERO, h(5)),
        Arguments.of("one of two replicas patched: not yet",
            new Log().run(0, "h/web-1", "web", D1).run(0, "h/web-2", "web", D1).finding(1, D1, "CVE-A", Severity.HIGH, "3.0.2")
                .run(2, "h/web-1", "web", D2),
            0, Duration.ZERO, Duration.ZERO),
        Arguments.of("advisory withdrawn: remediated without a patch",
            new Log().run(0, "h/web", "web", D1).finding(1, D1, "CVE-A", Severity.HIGH, "3.0.2")
                .at(3, new LedgerEvent.FindingFixed(D1, "CVE-A", "openssl", "3.0.1")),
            1, h(2), h(2)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mttp")
  void mttpAndTimeToRemediation(String name, Log log, int mttpCount, Duration mttpMean, Duration ttrMean) {
    Metrics.Report r = report(log, 100);
    Stats mttp = r.mttpBySeverity().getOrDefault(Severity.HIGH, Stats.EMPTY);
    assertThat(mttp.count()).isEqualTo(mttpCount);
    assertThat(mttp.mean()).isEqualTo(mttpMean);
    assertThat(r.ttrBySeverity().getOrDefault(Severity.HIGH, Stats.EMPTY).mean()).isEqualTo(ttrMean);
    if (mttpCount > 0) {
      assertThat(r.mttpByTier()).containsKey("tier1");
    }
  }

  @Test
  void percentilesAreNearestRank() {
    List<Duration> s = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      s.add(h(i));
    }
    assertThat(Stats.of(s)).isEqualTo(new Stats(10, h(5.5), h(5), h(9)));
    assertThat(Stats.of(List.of(h(3)))).isEqualTo(new Stats(1, h(3), h(3), h(3)));
  }

  @Test
  void openFindingsHaveAnSlaState() {
    Log log = new Log().run(0, "h/web", "web", D1).finding(0, D1, "CVE-C", Severity.CRITICAL, "1")
        .finding(0, D1, "CVE-L", Severity.LOW);
    Metrics.Report r = report(log, 24 * 8);
    assertThat(r.open()).extracting(o -> o.exposure().id() + ":" + o.slaState()).containsExactly("CVE-C:overdue", "CVE-L:within");
  }

  @Test
  void regressionRateAndAdoption() {
    Log log = new Log().run(0, "h/web-1", "web", D1).run(0, "h/web-2", "web", D1).patch(1, "web").run(1, "h/web-1", "web", D2)
        .patch(2, "api").at(3, new LedgerEvent.PatchReverted("api", D1, D2, "error rate"));
    Metrics.Report r = report(log, 10);
    assertThat(r.patchRollouts()).isEqualTo(2);
    assertThat(r.regressions()).isEqualTo(1);
    assertThat(r.regressionRate()).isEqualTo(0.5);
    assertThat(r.adoption()).extracting(a -> a.service() + ":" + a.onNewest() + "/" + a.running()).containsExactly("api:0/0", "web:1/2");
    assertThat(r.adoptionRate()).isEqualTo(0.5);
  }

  @Test
  void windowAndFilters() {
    Log log = new Log().run(0, "h/web", "web", D1).run(0, "h/db", "db", D1).finding(1, D1, "CVE-A", Severity.HIGH, "1")
        .run(5, "h/web", "web", D2).run(50, "h/db", "db", D2);
    Metrics.Report all = report(log, 100);
    assertThat(all.remediated()).hasSize(2);
    assertThat(all.cvesFixed()).containsExactly("CVE-A");
    Metrics.Report late = Metrics.compute(log.events, new Metrics.Query(T0.plusSeconds(3600 * 10), T0.plusSeconds(3600 * 100),
        null, null, Metrics.Query.DEFAULT_SLA));
    assertThat(late.remediated()).extracting(Metrics.Exposure::service).containsExactly("db");
    Metrics.Report web = Metrics.compute(log.events, new Metrics.Query(null, T0.plusSeconds(3600 * 100), "web", null,
        Metrics.Query.DEFAULT_SLA));
    assertThat(web.remediated()).extracting(Metrics.Exposure::service).containsExactly("web");
    Metrics.Report before = report(log, 20);
    assertThat(before.open()).extracting(o -> o.exposure().service()).containsExactly("db");
    Metrics.Report otherTier = Metrics.compute(log.events, new Metrics.Query(null, T0.plusSeconds(3600 * 100), null, "tier0",
        Metrics.Query.DEFAULT_SLA));
    assertThat(otherTier.remediated()).isEmpty();
  }
}
