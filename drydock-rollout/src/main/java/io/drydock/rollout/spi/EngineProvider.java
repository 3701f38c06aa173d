package io.drydock.rollout.spi;

/**
 * Makes {@link ContainerEngine}s for one kind of engine endpoint. Implementations are found with
 * {@link java.util.ServiceLoader} (a {@code META-INF/services/io.drydock.rollout.spi.EngineProvider} entry in the
 * adapter's jar); {@link io.drydock.rollout.service.RolloutService} asks each whether it {@link #isApplicable} to
 * the endpoint and uses the applicable one with the highest {@link #priority}.
 */
public interface EngineProvider {

  /** A short name for error messages ({@code docker}). */
  String name();

  /** Whether this provider drives the engine at {@code host} ({@code unix:///…}, {@code tcp://…}, …). */
  boolean isApplicable(String host);

  /** Higher wins among applicable providers; a catch-all provider stays at the default 0. */
  default int priority() {
    return 0;
  }

  /**
   * Connects to the engine at {@code host}.
   *
   * @throws io.drydock.model.DrydockException UNREACHABLE when it does not answer, USAGE for a malformed host
   */
  ContainerEngine connect(String host);
}
