package io.drydock.rollout.control;

import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import io.drydock.model.event.EventSink;
import io.drydock.rollout.analysis.AnalysisAssessor;
import io.drydock.rollout.analysis.AnalysisPhase;
import io.drydock.rollout.analysis.Measurement;
import io.drydock.rollout.analysis.MetricResult;
import io.drydock.rollout.plan.Labels;
import io.drydock.rollout.plan.Revision;
import io.drydock.rollout.plan.Stage;
import io.drydock.rollout.spec.Metric;
import io.drydock.rollout.spec.NetworkSettings;
import io.drydock.rollout.spec.MetricProvider;
import io.drydock.rollout.spec.ServiceSpec;
import io.drydock.rollout.spi.ContainerEngine;
import io.drydock.rollout.spi.ContainerInfo;
import io.drydock.rollout.spi.RevisionTraffic;
import io.drydock.rollout.spi.TrafficRouter;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;


/** One analysis run (and single measurements for smoke tests): metrics measured through probes or router stats. */
final class AnalysisRun {
  private final ServiceSpec spec;
  private final ContainerEngine engine;
  private final TrafficRouter router;
  private final Probes probes;
  private final Clock clock;
  private final EventSink events;
  private final Context ctx;

  AnalysisRun(Context ctx) {
    this.spec = ctx.spec();
    this.engine = ctx.engine();
    this.router = ctx.router();
    this.probes = ctx.probes();
    this.clock = ctx.clock();
    this.events = ctx.events();
    this.ctx = ctx;
  }


  /** How an analysis run ended, and per metric why. */
  record AnalysisOutcome(AnalysisPhase phase, String summary) {}

  /** Measures the stage's metrics on their intervals until the assessor says the run is complete. */
  AnalysisOutcome analyze(RolloutState state, Stage.Analyze a) throws InterruptedException {
    List<Metric> metrics = spec.metricsOf(a.templates());
    Map<String, MetricResult> results = new LinkedHashMap<>();
    for (Metric m : metrics) {
      results.put(m.name(), MetricResult.empty(m.name()));
    }
    Instant started = clock.instant();
    events.info(spec.name() + ": analysis " + a.label() + " of r" + state.canary().number() + " started");
    while (true) {
      AnalysisPhase phase = AnalysisAssessor.assessRun(metrics, results, false);
      if (phase.completed()) {
        return new AnalysisOutcome(phase, summary(metrics, results));
      }
      Instant earliest = null;
      for (Metric m : metrics) {
        Instant next = AnalysisAssessor.nextMeasurementAt(m, results.get(m.name()), started);
        if (next == null) {
          continue;
        }
        if (!next.isAfter(clock.instant())) {
          Measurement measured = measure(m, state);
          results.put(m.name(), results.get(m.name()).add(measured));
          events.info(spec.name() + ": metric " + m.name() + " = " + (measured.value() == null ? measured.message() : measured.value())
              + " -> " + measured.phase());
          next = AnalysisAssessor.nextMeasurementAt(m, results.get(m.name()), started);
        }
        if (next != null && (earliest == null || next.isBefore(earliest))) {
          earliest = next;
        }
      }
      if (earliest != null && earliest.isAfter(clock.instant())) {
        ctx.pauseUntil(earliest, state);
      }
    }
  }

  private static String summary(List<Metric> metrics, Map<String, MetricResult> results) {
    List<String> parts = new ArrayList<>();
    for (Metric m : metrics) {
      MetricResult r = results.get(m.name());
      AnalysisPhase p = AnalysisAssessor.assessMetric(m, r, false);
      Measurement last = r.last();
      String detail = switch (p) {
        case FAILED -> r.failed() + " failed > failureLimit " + m.failureLimit();
        case INCONCLUSIVE -> r.inconclusive() + " inconclusive > inconclusiveLimit " + m.inconclusiveLimit();
        case ERROR -> r.consecutiveErrors() + " consecutive errors > consecutiveErrorLimit " + m.consecutiveErrorLimit();
        default -> r.count() + " measured";
      };
      parts.add(m.name() + " " + p + " (" + detail + (last == null ? "" : "; last " + (last.value() == null ? last.message()
          : last.value())) + ")");
    }
    return String.join(", ", parts);
  }

  private Measurement measure(Metric m, RolloutState state) throws InterruptedException {
    if (m.provider() instanceof MetricProvider.Haproxy h) {
      return measureRouter(m, h, state);
    }
    List<String> addresses = addresses(state.canary());
    if (addresses.isEmpty()) {
      return new Measurement(AnalysisPhase.ERROR, null, "r" + state.canary().number() + " has no running container", clock.instant());
    }
    return measureOnce(m, addresses.get(0));
  }

  Measurement measureOnce(Metric m, String address) throws InterruptedException {
    try {
      Object value = probes.measure(m.provider(), address);
      return new Measurement(AnalysisAssessor.evaluate(m, value), String.valueOf(value), "", clock.instant());
    } catch (Probes.MeasurementException e) {
      return new Measurement(e.failed() ? AnalysisPhase.FAILED : AnalysisPhase.ERROR, null, e.getMessage(), clock.instant());
    }
  }

  /** A router metric: the canary's counters in the router, sampled at the start and end of the window. */
  private Measurement measureRouter(Metric m, MetricProvider.Haproxy h, RolloutState state) throws InterruptedException {
    int canary = state.canary().number();
    try {
      RevisionTraffic before = router.traffic(spec.router().backend(), spec.name()).get(canary);
      ctx.pauseUntil(clock.instant().plus(h.window()), state);
      RevisionTraffic after = router.traffic(spec.router().backend(), spec.name()).get(canary);
      RevisionTraffic.Window w = before == null || after == null ? new RevisionTraffic.Window(0, 0, -1) : after.since(before);
      if (h.stat() == MetricProvider.HaproxyStat.REQUESTS) {
        return measured(m, (double) w.requests());
      }
      if (w.requests() <= 0) {
        return new Measurement(AnalysisPhase.INCONCLUSIVE, null, "no request reached r" + canary + " in " + h.window(),
            clock.instant());
      }
      return measured(m, h.stat() == MetricProvider.HaproxyStat.ERROR_RATE ? (double) w.errors() / w.requests()
          : (double) w.worstAvgResponseMillis());
    } catch (DrydockException e) {
      if (e.kind() == ErrorKind.UNREACHABLE) {
        return new Measurement(AnalysisPhase.ERROR, null, e.getMessage(), clock.instant());
      }
      throw e;
    }
  }

  private Measurement measured(Metric m, double value) {
    return new Measurement(AnalysisAssessor.evaluate(m, value), String.valueOf(value), "", clock.instant());
  }

  private List<String> addresses(Revision r) {
    List<String> out = new ArrayList<>();
    for (ContainerInfo c : engine.list(Map.of(Labels.SERVICE, spec.name(), Labels.REVISION, Integer.toString(r.number())))) {
      if (c.running() && c.labels().get(Labels.PORT) != null) {
        out.add(NetworkSettings.LOOPBACK + ":" + c.labels().get(Labels.PORT));
      }
    }
    return out;
  }


}
