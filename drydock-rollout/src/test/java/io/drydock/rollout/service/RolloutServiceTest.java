package io.drydock.rollout.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import io.drydock.rollout.spec.RouterSpec;
import io.drydock.rollout.spi.ContainerEngine;
import io.drydock.rollout.spi.EngineProvider;
import io.drydock.rollout.spi.RouterProvider;
import io.drydock.rollout.spi.TrafficRouter;
import io.drydock.rollout.testing.FakeEngine;
import io.drydock.rollout.testing.FakeProbes;
import io.drydock.rollout.testing.FakeRouter;
import io.drydock.rollout.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Provider choice (applicable, then highest priority), the engine host handed over, and closing after each command. */
class RolloutServiceTest {
  @TempDir Path dir;
  final List<String> log = new ArrayList<>();
  final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

  EngineProvider engine(String name, int priority, boolean applicable) {
    return new EngineProvider() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public boolean isApplicable(String host) {
        return applicable;
      }

      @Override
      public int priority() {
        return priority;
      }

      @Override
      public ContainerEngine connect(String host) {
        log.add("engine " + name + " " + host);
        FakeEngine e = new FakeEngine();
        e.onClose = () -> log.add("close engine " + name);
        return e;
      }
    };
  }

  RouterProvider router(String name) {
    return new RouterProvider() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public boolean isApplicable(RouterSpec router) {
        return true;
      }

      @Override
      public TrafficRouter attach(RouterSpec router) {
        log.add("router " + name + " " + router.socket());
        FakeRouter r = new FakeRouter();
        r.onClose = () -> log.add("close router " + name);
        return r;
      }
    };
  }

  RolloutService service(List<EngineProvider> engines, Map<String, String> env) {
    return RolloutService.of(engines, List.of(router("fake")),
        new RolloutService.Settings(dir.resolve("state"), null, env, clock, clock.sleeper(), new FakeProbes()), e -> {});
  }

  Path serviceFile() throws Exception {
    Path file = dir.resolve("service.yaml");
    try (var in = RolloutServiceTest.class.getResourceAsStream("/service.yaml")) {
      Files.write(file, in.readAllBytes());
    }
    return file;
  }

  @Test
  void theApplicableProviderWithTheHighestPriorityConnectsToDockerHostAndEverythingIsClosedAfter() throws Exception {
    RolloutService s = service(List.of(engine("low", 0, true), engine("high", 5, true), engine("higher-but-not-applicable", 9, false)),
        Map.of("DOCKER_HOST", "unix:///run/x.sock"));
    RolloutService.Outcome status = s.status(serviceFile());
    assertThat(status.state().service()).isEqualTo("web");
    assertThat(log).containsExactly("engine high unix:///run/x.sock", "router fake " + "/run/haproxy/admin.sock", "close router fake",
        "close engine high");
  }

  @Test
  void noApplicableEngineIsAOneLineUsageError() throws Exception {
    RolloutService s = service(List.of(engine("docker", 0, false)), Map.of());
    assertThatThrownBy(() -> s.status(serviceFile()))
        .isInstanceOfSatisfying(DrydockException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.USAGE))
        .hasMessage("Tried to connect to the container engine at unix:///var/run/docker.sock but failed because: no engine adapter "
            + "accepts it (installed: docker)");
    assertThat(log).isEmpty();
  }

  @Test
  void savedStateTouchesNoProvider() throws Exception {
    RolloutService s = service(List.of(engine("docker", 0, true)), Map.of());
    assertThat(s.savedState(serviceFile()).phase()).isEqualTo(io.drydock.rollout.control.RolloutState.Phase.NEW);
    assertThat(s.history(serviceFile())).isEmpty();
    assertThat(log).isEmpty();
  }
}
