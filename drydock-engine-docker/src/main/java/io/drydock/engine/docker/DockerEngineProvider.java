package io.drydock.engine.docker;

import io.drydock.rollout.spi.ContainerEngine;
import io.drydock.rollout.spi.EngineProvider;

/**
 * Registers {@link DockerEngine} with the rollout stage. The Docker Engine API is the catch-all engine: it takes
 * every endpoint (priority 0) and reports a malformed or unsupported one itself, with the same one-line errors as
 * before providers existed.
 */
public final class DockerEngineProvider implements EngineProvider {

  @Override
  public String name() {
    return "docker";
  }

  @Override
  public boolean isApplicable(String host) {
    return true;
  }

  @Override
  public ContainerEngine connect(String host) {
    return DockerEngine.connect(host);
  }
}
