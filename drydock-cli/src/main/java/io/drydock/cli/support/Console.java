package io.drydock.cli.support;

import io.drydock.model.event.Event;
import io.drydock.model.event.EventSink;
import io.drydock.model.event.RolloutEvent;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The CLI's one event renderer, on stderr: warnings, info and rollout events unless {@code --quiet}, debug with
 * {@code --debug}, and a one-line progress indicator only when stderr is a terminal (the launcher sets
 * {@code DRYDOCK_STDERR_TTY}).
 */
public final class Console implements EventSink {
  private final PrintWriter err;
  private final boolean quiet;
  private final boolean debug;
  private final boolean tty;
  private final Clock clock;
  private long lastDraw;
  private boolean lineOpen;

  Console(PrintWriter err, boolean quiet, boolean debug, boolean tty, Clock clock) {
    this.err = err;
    this.quiet = quiet;
    this.debug = debug;
    this.tty = tty;
    this.clock = clock;
  }

  /** The console of the running command line: --quiet and --debug as parsed, stderr from picocli. */
  public static Console of(CommandSpec spec) {
    boolean tty = "1".equals(System.getenv("DRYDOCK_STDERR_TTY"));
    return new Console(spec.commandLine().getErr(), flag(spec, "--quiet"), flag(spec, "--debug"), tty, Clock.systemUTC());
  }

  private static boolean flag(CommandSpec spec, String name) {
    picocli.CommandLine.Model.OptionSpec option = spec.findOption(name);
    if (option == null) {
      option = spec.root().findOption(name);
    }
    return option != null && Boolean.TRUE.equals(option.getValue());
  }

  public boolean debug() {
    return debug;
  }

  @Override
  public synchronized void emit(Event event) {
    if (event instanceof Event.Progress p) {
      progress(p);
    } else if (event instanceof Event.Warning w) {
      line("warning: " + w.message(), !quiet);
    } else if (event instanceof Event.Info i) {
      line(i.message(), !quiet);
    } else if (event instanceof Event.Debug d) {
      line("debug: " + d.message(), debug);
    } else if (event instanceof RolloutEvent r) {
      line(r.summary(), !quiet && shown(r));
    }
  }

  /**
   * Rollout events print their summary, except two that a line before them already told: an abort (the
   * "aborting rN: why" warning comes first) and an analysis that did not succeed (the pause or the abort says it).
   */
  private static boolean shown(RolloutEvent event) {
    if (event instanceof RolloutEvent.RolloutAborted) {
      return false;
    }
    return !(event instanceof RolloutEvent.AnalysisCompleted a) || a.successful();
  }

  private void progress(Event.Progress p) {
    if (quiet || !tty) {
      return;
    }
    long now = clock.millis();
    boolean finished = p.total() >= 0 && p.done() >= p.total();
    if (!finished && now - lastDraw < 100) {
      return;
    }
    lastDraw = now;
    String item = p.item().length() > 19 ? p.item().substring(0, 19) : p.item();
    String text;
    if (p.total() > 0) {
      int width = 30;
      int filled = (int) Math.min(width, p.done() * width / p.total());
      text = String.format(Locale.ROOT, "%s %s [%s%s] %s / %s", p.task(), item, "=".repeat(filled),
          " ".repeat(width - filled), bytes(p.done()), bytes(p.total()));
    } else {
      text = String.format(Locale.ROOT, "%s %s %s", p.task(), item, bytes(p.done()));
    }
    err.print("\r\033[K" + text);
    lineOpen = true;
    if (finished) {
      err.print("\r\033[K");
      lineOpen = false;
    }
    err.flush();
  }

  private void line(String text, boolean show) {
    if (!show) {
      return;
    }
    if (lineOpen) {
      err.print("\r\033[K");
      lineOpen = false;
    }
    err.println(text);
    err.flush();
  }

  public static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = n;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }
}
