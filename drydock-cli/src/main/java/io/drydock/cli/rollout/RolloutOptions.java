package io.drydock.cli.rollout;

import io.drydock.engine.docker.DockerEngine;
import io.drydock.model.DrydockException;
import io.drydock.model.event.Event;
import io.drydock.model.event.EventSink;
import io.drydock.rollout.control.LocalProbes;
import io.drydock.rollout.control.RolloutController;
import io.drydock.rollout.control.Sleeper;
import io.drydock.rollout.control.StateStore;
import io.drydock.rollout.spec.ServiceFile;
import io.drydock.rollout.spec.ServiceSpec;
import io.drydock.rollout.spi.ContainerEngine;
import io.drydock.rollout.spi.TrafficRouter;
import io.drydock.router.haproxy.HaproxyRouter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Options every rollout command shares, and the wiring of the controller to the real engine and router. */
final class RolloutOptions {
  @Parameters(index = "0", paramLabel = "SERVICE-FILE", description = "The service's YAML file.")
  Path serviceFile;

  @Option(names = "--state-dir", paramLabel = "DIR",
      description = "Where rollout state, lock and history live (DIR/SERVICE/). Default: $XDG_STATE_HOME/drydock or ~/.local/state/drydock.")
  @Nullable Path stateDir;

  @Option(names = "--engine-host", paramLabel = "URI",
      description = "Docker Engine API of Docker or Podman: unix:///path.sock or tcp://host:port. Default: $DOCKER_HOST, else unix:///var/run/docker.sock.")
  @Nullable String engineHost;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30m", converter = DurationConverter.class,
      description = "Longest time the command drives the rollout (500ms, 30s, 5m, 1h; default ${DEFAULT-VALUE}). A rollout still progressing then is aborted; a paused one stays paused.")
  Duration timeout;

  /** Handles to close after the command. */
  static final class Wiring implements AutoCloseable {
    final ServiceSpec spec;
    final ContainerEngine engine;
    final TrafficRouter router;
    final RolloutController controller;

    Wiring(ServiceSpec spec, ContainerEngine engine, TrafficRouter router, RolloutController controller) {
      this.spec = spec;
      this.engine = engine;
      this.router = router;
      this.controller = controller;
    }

    @Override
    public void close() {
      try {
        router.close();
      } finally {
        engine.close();
      }
    }
  }

  Wiring wire(CommandSpec command) {
    ServiceSpec spec = ServiceFile.read(serviceFile);
    return wire(spec, command);
  }

  Wiring wire(ServiceSpec spec, CommandSpec command) {
    String host = engineHost;
    if (host == null) {
      String env = System.getenv("DOCKER_HOST");
      host = env == null || env.isBlank() ? "unix:///var/run/docker.sock" : env;
    }
    ContainerEngine engine = DockerEngine.connect(host);
    TrafficRouter router;
    try {
      router = HaproxyRouter.attach(Path.of(spec.router().socket()));
    } catch (DrydockException e) {
      engine.close();
      throw e;
    }
    StateStore store = StateStore.of(stateDir, spec.name(), System.getenv());
    RolloutController controller = new RolloutController(spec, engine, router, store, new LocalProbes(), Clock.systemUTC(),
        Sleeper.SYSTEM, sink(command));
    return new Wiring(spec, engine, router, controller);
  }

  /** Renders events on stderr: info and progress unless --quiet, debug only with --debug. */
  static EventSink sink(CommandSpec command) {
    boolean quiet = flag(command, "--quiet");
    boolean debug = flag(command, "--debug");
    PrintWriter err = command.commandLine().getErr();
    return event -> {
      String line = null;
      if (event instanceof Event.Warning w) {
        line = quiet ? null : "warning: " + w.message();
      } else if (event instanceof Event.Info i) {
        line = quiet ? null : i.message();
      } else if (event instanceof Event.Progress p) {
        line = quiet ? null : "[" + (p.done() + 1) + "/" + p.total() + "] " + p.item();
      } else if (event instanceof Event.Debug d) {
        line = debug ? "debug: " + d.message() : null;
      }
      if (line != null) {
        synchronized (err) {
          err.println(line);
          err.flush();
        }
      }
    };
  }

  private static boolean flag(CommandSpec command, String name) {
    CommandLine.Model.OptionSpec o = command.root().findOption(name);
    return o != null && Boolean.TRUE.equals(o.getValue());
  }

  /** Parses 500ms, 30s, 5m, 1h. */
  static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      Duration d = ServiceFile.parseDuration(value);
      if (d == null) {
        throw new CommandLine.TypeConversionException("'" + value + "' is not a duration such as 500ms, 30s, 5m or 1h");
      }
      return d;
    }
  }
}
