package io.drydock.model.event;

/**
 * What the core tells the outside world. The core logs nothing: it emits events, the CLI renders them
 * (progress bars, warnings on stderr) and the server records them.
 *
 * <p>Two kinds: the four presentation events below (progress, warnings, info lines, debug detail), which are for a
 * human watching, and {@link DomainEvent}s, which say what happened to an image, a finding or a service in typed
 * fields. The ledger persists domain events unchanged; renderers show a domain event by its
 * {@link DomainEvent#summary()} unless they know better.
 */
public sealed interface Event permits Event.Progress, Event.Warning, Event.Info, Event.Debug, DomainEvent {

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
