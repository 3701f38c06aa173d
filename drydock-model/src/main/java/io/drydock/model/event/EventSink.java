package io.drydock.model.event;

/** Receives events from the core. Implementations must be thread-safe and fast; they must not throw. */
@FunctionalInterface
public interface EventSink {
  EventSink NONE = event -> {};

  void emit(Event event);

  default void warn(String message) {
    emit(new Event.Warning(message));
  }

  default void info(String message) {
    emit(new Event.Info(message));
  }

  default void debug(String message) {
    emit(new Event.Debug(message));
  }

  default void progress(String task, String item, long done, long total) {
    emit(new Event.Progress(task, item, done, total));
  }
}
