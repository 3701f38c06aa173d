package io.drydock.rollout.testing;

import io.drydock.rollout.control.Probes;
import io.drydock.rollout.spec.HealthCheck;
import io.drydock.rollout.spec.MetricProvider;
import java.time.Duration;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/** Probes answered by functions of the container address. */
public final class FakeProbes implements Probes {
  public Predicate<String> healthy = address -> true;
  public BiFunction<MetricProvider, String, Object> values = (p, address) -> 200.0;

  @Override
  public boolean probe(HealthCheck.Probe probe, String address, Duration timeout) {
    return healthy.test(address);
  }

  @Override
  public Object measure(MetricProvider provider, String address) {
    return values.apply(provider, address);
  }
}
