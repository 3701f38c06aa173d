package io.drydock.cli.refs;

import io.drydock.image.ImageOptions;
import io.drydock.image.registry.RegistryClient;
import io.drydock.model.DrydockException;
import io.drydock.model.event.Event;
import io.drydock.model.event.EventSink;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/** Registry flags shared by pin and outdated, and the stderr event sink of the refs commands. */
final class RegistryOptions {
  @Option(names = "--insecure", description = "Allow plain HTTP and unverified TLS to registries that are not on loopback.")
  boolean insecure;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
      description = "Timeout of each registry request, in seconds (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  RegistryClient client(EventSink events) {
    if (timeoutSeconds <= 0) {
      throw DrydockException.usage("--timeout must be a positive number of seconds, not " + timeoutSeconds);
    }
    ImageOptions options = new ImageOptions(null, insecure, null, null, Path.of(System.getProperty("java.io.tmpdir")),
        Duration.ofSeconds(timeoutSeconds));
    return RegistryClient.builder(options).events(events).build();
  }

  /** Warnings on stderr unless --quiet; debug with --debug (flags of the root command, when it has them). */
  static EventSink events(CommandSpec spec) {
    boolean quiet = flag(spec, "--quiet");
    boolean debug = flag(spec, "--debug");
    PrintWriter err = spec.commandLine().getErr();
    return event -> {
      if (event instanceof Event.Warning w && !quiet) {
        err.println("warning: " + w.message());
      } else if (event instanceof Event.Debug d && debug) {
        err.println("debug: " + d.message());
      }
    };
  }

  private static boolean flag(CommandSpec spec, String name) {
    OptionSpec o = spec.root().findOption(name);
    return o != null && Boolean.TRUE.equals(o.getValue());
  }
}
