package io.drydock.rollout.control;

import java.time.Duration;

/** Waits; injected so tests advance a fake clock instead. */
@FunctionalInterface
public interface Sleeper {
  Sleeper SYSTEM = d -> Thread.sleep(Math.max(0, d.toMillis()));

  void sleep(Duration duration) throws InterruptedException;
}
