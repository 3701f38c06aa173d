package io.drydock.rollout.control;

import io.drydock.rollout.spec.HealthCheck;
import io.drydock.rollout.spec.MetricProvider;
import java.time.Duration;

/**
 * The checks that talk to a container directly: one health probe, one HTTP or command measurement. The
 * controller decides with their answers; {@link LocalProbes} is the real implementation, tests use fakes.
 */
public interface Probes {

  /** One health probe of the container at {@code address} (host:port); true when it passed. */
  boolean probe(HealthCheck.Probe probe, String address, Duration timeout) throws InterruptedException;

  /**
   * One measurement of an HTTP or command metric against {@code address}: a Double, String or Boolean.
   *
   * @throws MeasurementException when nothing could be measured (an Error measurement), or with
   *     {@code failed} when the command exited non-zero (a Failed measurement)
   */
  Object measure(MetricProvider provider, String address) throws InterruptedException;

  /** Why a measurement has no value. */
  final class MeasurementException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final boolean failed;

    public MeasurementException(String message, boolean failed) {
      super(message);
      this.failed = failed;
    }

    public boolean failed() {
      return failed;
    }
  }
}
