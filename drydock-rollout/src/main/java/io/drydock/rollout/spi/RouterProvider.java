package io.drydock.rollout.spi;

import io.drydock.rollout.spec.RouterSpec;

/**
 * Makes {@link TrafficRouter}s for one kind of traffic switch. Found with {@link java.util.ServiceLoader} (a
 * {@code META-INF/services/io.drydock.rollout.spi.RouterProvider} entry in the adapter's jar);
 * {@link io.drydock.rollout.service.RolloutService} uses the applicable provider with the highest {@link #priority}.
 */
public interface RouterProvider {

  /** A short name for error messages ({@code haproxy}). */
  String name();

  /** Whether this provider drives the router the service file names. */
  boolean isApplicable(RouterSpec router);

  /** Higher wins among applicable providers. */
  default int priority() {
    return 0;
  }

  /**
   * Attaches to the router.
   *
   * @throws io.drydock.model.DrydockException UNREACHABLE when it does not answer
   */
  TrafficRouter attach(RouterSpec router);
}
