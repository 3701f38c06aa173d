package io.drydock.cli.rollout;

import io.drydock.cli.support.Console;
import io.drydock.cli.support.EngineHostOption;
import io.drydock.rollout.service.RolloutService;
import io.drydock.rollout.spec.ServiceFile;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Options every rollout command shares; {@link #service} hands them to the rollout stage. */
final class RolloutOptions {
  @Parameters(index = "0", paramLabel = "SERVICE-FILE", description = "The service's YAML file.")
  Path serviceFile;

  @Option(names = "--state-dir", paramLabel = "DIR",
      description = "Where rollout state, lock and history live (DIR/SERVICE/). Default: $XDG_STATE_HOME/drydock or ~/.local/state/drydock.")
  @Nullable Path stateDir;

  @Mixin EngineHostOption engineHost = new EngineHostOption();

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30m", converter = DurationConverter.class,
      description = "Longest time the command drives the rollout (500ms, 30s, 5m, 1h; default ${DEFAULT-VALUE}). A rollout still progressing then is aborted; a paused one stays paused.")
  Duration timeout;

  /** The rollout stage for this command line: its options, the environment, and events rendered by the {@link Console}. */
  RolloutService service(CommandSpec command) {
    return RolloutService.load(RolloutService.Settings.of(stateDir, engineHost.value(), System.getenv()), Console.of(command));
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
