package io.drydock.model.event;

/**
 * What the core tells the outside world. The core logs nothing: it emits events, the CLI renders them
 * (progress bars, warnings on stderr) and the server records them.
 */
public sealed interface Event permits Event.Progress, Event.Warning, Event.Info, Event.Debug {

  /**
   * Progress of a long task. {@code total} is -1 when unknown. Emitted repeatedly for the same
   * {@code task}+{@code item}; {@code done == total} marks the end.
   */
  record Progress(String task, String item, long done, long total) implements Event {}

  /** Something the user should know about but that did not stop the work (stale DB, skipped entry). */
  record Warning(String message) implements Event {}

  /** A step worth a line in normal output ("pulled manifest …"). */
  record Info(String message) implements Event {}

  /** Detail shown only with {@code --debug}. */
  record Debug(String message) implements Event {}
}
