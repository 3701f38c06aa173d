package io.drydock.rollout.service;

import io.drydock.model.DrydockException;
import io.drydock.model.EngineHost;
import io.drydock.model.ImageRef;
import io.drydock.model.event.EventSink;
import io.drydock.rollout.control.LocalProbes;
import io.drydock.rollout.control.Probes;
import io.drydock.rollout.control.RolloutController;
import io.drydock.rollout.control.RolloutState;
import io.drydock.rollout.control.Sleeper;
import io.drydock.rollout.control.StateStore;
import io.drydock.rollout.spec.RouterSpec;
import io.drydock.rollout.spec.ServiceFile;
import io.drydock.rollout.spec.ServiceSpec;
import io.drydock.rollout.spi.ContainerEngine;
import io.drydock.rollout.spi.EngineProvider;
import io.drydock.rollout.spi.RouterProvider;
import io.drydock.rollout.spi.ServerStats;
import io.drydock.rollout.spi.TrafficRouter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The rollout stage: reads a service file, connects the engine and router its adapters provide (found with
 * {@link ServiceLoader}: {@link EngineProvider}, {@link RouterProvider}), drives the {@link RolloutController} and
 * closes everything again. The CLI's {@code up} and {@code rollout …} commands, and a server, are front-ends to it.
 */
public final class RolloutService {
  private final List<EngineProvider> engines;
  private final List<RouterProvider> routers;
  private final Settings settings;
  private final EventSink events;

  /**
   * Where state lives and how the controller waits and probes.
   *
   * @param stateDir base of the state directories, null for the default ({@link StateStore#of})
   * @param engineHost the engine endpoint, null for {@code $DOCKER_HOST} or the default ({@link EngineHost})
   * @param env the environment read for {@code DOCKER_HOST} and {@code XDG_STATE_HOME}
   */
  public record Settings(@Nullable Path stateDir, @Nullable String engineHost, Map<String, String> env, Clock clock,
      Sleeper sleeper, Probes probes) {
    public Settings {
      env = Map.copyOf(env);
    }

    /** The real clock, sleeps and HTTP/TCP/exec probes. */
    public static Settings of(@Nullable Path stateDir, @Nullable String engineHost, Map<String, String> env) {
      return new Settings(stateDir, engineHost, env, Clock.systemUTC(), Sleeper.SYSTEM, new LocalProbes());
    }
  }

  /** What a command leaves: the state after it and the router's view of the service's servers. */
  public record Outcome(RolloutState state, List<ServerStats> servers) {
    public Outcome {
      servers = List.copyOf(servers);
    }
  }

  private RolloutService(List<EngineProvider> engines, List<RouterProvider> routers, Settings settings, EventSink events) {
    this.engines = engines.stream().sorted(Comparator.comparingInt(EngineProvider::priority).reversed()).toList();
    this.routers = routers.stream().sorted(Comparator.comparingInt(RouterProvider::priority).reversed()).toList();
    this.settings = settings;
    this.events = events;
  }

  /** The service with the providers registered with {@link ServiceLoader}. */
  public static RolloutService load(Settings settings, EventSink events) {
    ClassLoader loader = RolloutService.class.getClassLoader();
    return new RolloutService(ServiceLoader.load(EngineProvider.class, loader).stream().map(ServiceLoader.Provider::get).toList(),
        ServiceLoader.load(RouterProvider.class, loader).stream().map(ServiceLoader.Provider::get).toList(), settings, events);
  }

  /** The service with explicit providers. */
  public static RolloutService of(List<EngineProvider> engines, List<RouterProvider> routers, Settings settings, EventSink events) {
    return new RolloutService(List.copyOf(engines), List.copyOf(routers), settings, events);
  }

  /** {@code drydock up}: first deploy, or repair. */
  public Outcome up(Path serviceFile, Duration timeout) throws InterruptedException {
    return drive(ServiceFile.read(serviceFile), c -> c.up(timeout));
  }

  /** {@code drydock rollout start}: rolls out {@code image}, or the service file's image when null. */
  public Outcome start(Path serviceFile, @Nullable ImageRef image, Duration timeout, boolean waitThroughPauses)
      throws InterruptedException {
    return drive(ServiceFile.read(serviceFile), c -> c.start(image, timeout, waitThroughPauses));
  }

  /** {@code drydock rollout promote}. */
  public Outcome promote(Path serviceFile, Duration timeout, boolean waitThroughPauses) throws InterruptedException {
    return drive(ServiceFile.read(serviceFile), c -> c.promote(timeout, waitThroughPauses));
  }

  /** {@code drydock rollout abort}. */
  public Outcome abort(Path serviceFile, Duration timeout) throws InterruptedException {
    return drive(ServiceFile.read(serviceFile), c -> c.abort(timeout));
  }

  /** {@code drydock rollout undo}. */
  public Outcome undo(Path serviceFile, Duration timeout, boolean waitThroughPauses) throws InterruptedException {
    return drive(ServiceFile.read(serviceFile), c -> c.undo(timeout, waitThroughPauses));
  }

  /** {@code drydock rollout status}: the saved state and the router's servers (connects to both, changes nothing). */
  public Outcome status(Path serviceFile) throws InterruptedException {
    return drive(ServiceFile.read(serviceFile), RolloutController::status);
  }

  /** The saved state only; contacts neither engine nor router. */
  public RolloutState savedState(Path serviceFile) {
    ServiceSpec spec = ServiceFile.read(serviceFile);
    return store(spec).load(spec.name());
  }

  /** The service's revisions as its state records them, oldest first. */
  public List<RolloutState.HistoryEntry> history(Path serviceFile) {
    return savedState(serviceFile).history();
  }

  /** One command against one service: engine and router connected for it and closed after it. */
  @FunctionalInterface
  public interface Command {
    RolloutState run(RolloutController controller) throws InterruptedException;
  }

  /** Runs {@code command} with a controller for {@code spec}; the router's servers are read after it. */
  public Outcome drive(ServiceSpec spec, Command command) throws InterruptedException {
    String host = EngineHost.resolve(settings.engineHost(), settings.env());
    ContainerEngine engine = engineFor(host).connect(host);
    try {
      TrafficRouter router = routerFor(spec.router()).attach(spec.router());
      try {
        RolloutController controller = new RolloutController(spec, engine, router, store(spec), settings.probes(),
            settings.clock(), settings.sleeper(), events);
        RolloutState state = command.run(controller);
        return new Outcome(state, controller.servers());
      } finally {
        router.close();
      }
    } finally {
      engine.close();
    }
  }

  private StateStore store(ServiceSpec spec) {
    return StateStore.of(settings.stateDir(), spec.name(), settings.env());
  }

  private EngineProvider engineFor(String host) {
    for (EngineProvider p : engines) {
      if (p.isApplicable(host)) {
        return p;
      }
    }
    throw DrydockException.usage("Tried to connect to the container engine at " + host + " but failed because: no engine adapter "
        + "accepts it (installed: " + names(engines.stream().map(EngineProvider::name).toList()) + ")");
  }

  private RouterProvider routerFor(RouterSpec router) {
    for (RouterProvider p : routers) {
      if (p.isApplicable(router)) {
        return p;
      }
    }
    throw DrydockException.usage("Tried to attach to the router at " + router.socket() + " but failed because: no router adapter "
        + "accepts it (installed: " + names(routers.stream().map(RouterProvider::name).toList()) + ")");
  }

  private static String names(List<String> names) {
    return names.isEmpty() ? "none" : names.stream().collect(Collectors.joining(", "));
  }
}
