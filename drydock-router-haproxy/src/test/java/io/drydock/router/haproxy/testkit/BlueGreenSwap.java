package io.drydock.router.haproxy.testkit;

import io.drydock.rollout.spi.TrafficRouter;
import java.time.Duration;

/**
 * The adapter-level blue/green switch the ITs and the benchmark repeat: add green (draining, checked), wait
 * until its health check says UP, enable it, drain blue, wait until blue has no connection, put blue in
 * maintenance and delete it. Times are {@link LoadGenerator#now()} values.
 *
 * @param addedNanos green added
 * @param readyNanos green's check passed
 * @param switchedNanos green enabled and blue draining (the last command returned)
 * @param blueIdleNanos blue had no connection left
 * @param removedNanos blue deleted from HAProxy
 */
public record BlueGreenSwap(long addedNanos, long readyNanos, long switchedNanos, long blueIdleNanos, long removedNanos) {

  public static BlueGreenSwap run(TrafficRouter router, String backend, String blue, String green, String greenAddress,
      Duration timeout) throws InterruptedException {
    router.addServer(backend, green, greenAddress, 100);
    long added = LoadGenerator.now();
    if (!router.awaitUp(backend, green, timeout)) {
      throw new IllegalStateException(green + " was not UP within " + timeout + ": " + router.stats(backend));
    }
    long ready = LoadGenerator.now();
    router.enable(backend, green);
    router.drain(backend, blue);
    long switched = LoadGenerator.now();
    if (!router.awaitNoConnections(backend, blue, timeout)) {
      throw new IllegalStateException(blue + " still had connections after " + timeout + ": " + router.stats(backend));
    }
    long idle = LoadGenerator.now();
    router.maintenance(backend, blue);
    router.removeServer(backend, blue);
    return new BlueGreenSwap(added, ready, switched, idle, LoadGenerator.now());
  }

  public Duration readyToSwitched() {
    return Duration.ofNanos(switchedNanos - readyNanos);
  }

  public Duration addedToReady() {
    return Duration.ofNanos(readyNanos - addedNanos);
  }
}
