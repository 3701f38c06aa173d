package io.drydock.image.registry;

import java.time.Duration;

/** Waits; injected so that unit tests of retries do not sleep. */
@FunctionalInterface
interface Sleeper {
  Sleeper REAL = d -> Thread.sleep(d.toMillis());

  void sleep(Duration duration) throws InterruptedException;
}
