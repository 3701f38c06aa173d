package io.drydock.rollout.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock tests move by hand (and {@link #sleeper} moves when the code under test sleeps). */
public final class MutableClock extends Clock {
  private volatile Instant now;
  public Runnable onSleep = () -> {};

  public MutableClock(Instant start) {
    this.now = start;
  }

  public void advance(Duration d) {
    now = now.plus(d);
  }

  public io.drydock.rollout.control.Sleeper sleeper() {
    return d -> {
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
      advance(d.isZero() ? Duration.ofMillis(1) : d);
      onSleep.run();
    };
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return now;
  }
}
