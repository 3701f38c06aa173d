package io.drydock.cli.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.drydock.model.Digest;
import io.drydock.model.event.Event;
import io.drydock.model.event.RolloutEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The lines the rollout commands printed on stderr before their events were typed, spelled out. */
class ConsoleTest {
  static final Digest D = Digest.parse("sha256:" + "a".repeat(64));

  static Stream<Arguments> lines() {
    return Stream.of(
        Arguments.of(new RolloutEvent.DeployStarted("web", 1, "localhost/app:1", D), "web: deploying r1 localhost/app:1"),
        Arguments.of(new RolloutEvent.RolloutStarted("web", 2, "localhost/app:2", D, "blueGreen"),
            "web: rolling out r2 localhost/app:2 (blue/green)"),
        Arguments.of(new RolloutEvent.RolloutStarted("web", 2, "localhost/app:2", D, "canary"), "web: rolling out r2 localhost/app:2 (canary)"),
        Arguments.of(new RolloutEvent.RolloutStepped("web", 2, 1, 4, "0% of new requests", 0), "[1/4] r2 step 1: 0% of new requests"),
        Arguments.of(new RolloutEvent.RolloutStepped("web", 2, 3, 4, "pause 8s", 50), "[3/4] r2 step 3: pause 8s"),
        Arguments.of(new RolloutEvent.AnalysisCompleted("web", 2, "[health]", "SUCCESSFUL", "error-rate SUCCESSFUL (4 measured)"),
            "web: analysis [health] successful"),
        Arguments.of(new RolloutEvent.AnalysisCompleted("web", 2, "[health]", "FAILED", "error-rate FAILED"), null),
        Arguments.of(new RolloutEvent.RolloutPaused("web", 2, 2, "pausing 8s"), "web: paused: pausing 8s"),
        Arguments.of(new RolloutEvent.RolloutAdvanced("web", 2, 2), "web: promoted past step 2"),
        Arguments.of(new RolloutEvent.RolloutPromoted("web", 2, 1, Duration.ofSeconds(30)),
            "web: r2 is stable; r1 stays runnable out of rotation for 30s ('drydock rollout undo' flips back)"),
        Arguments.of(new RolloutEvent.RolloutPromoted("web", 2, 1, null), "web: r2 is stable"),
        Arguments.of(new RolloutEvent.RolloutAborted("web", 2, "analysis failed", 1), null),
        Arguments.of(new RolloutEvent.RolloutUndone("web", 1, 2, Duration.ofSeconds(30)),
            "web: undo: traffic back to r1 (kept runnable), r2 kept for 30s"),
        Arguments.of(new Event.Warning("web: aborting r2: x"), "warning: web: aborting r2: x"),
        Arguments.of(new Event.Info("web: create web-r2-0"), "web: create web-r2-0"),
        Arguments.of(new Event.Debug("detail"), null));
  }

  @ParameterizedTest
  @MethodSource("lines")
  void rendersEachEventAsTheLineItAlwaysPrinted(Event event, String expected) {
    StringWriter out = new StringWriter();
    new Console(new PrintWriter(out), false, false, false, Clock.systemUTC()).emit(event);
    assertThat(out.toString()).isEqualTo(expected == null ? "" : expected + System.lineSeparator());
  }

  @ParameterizedTest
  @MethodSource("lines")
  void quietPrintsNoneOfThem(Event event, String expected) {
    StringWriter out = new StringWriter();
    new Console(new PrintWriter(out), true, false, false, Clock.systemUTC()).emit(event);
    assertThat(out.toString()).isEmpty();
  }
}
