package io.drydock.router.haproxy;

import io.drydock.rollout.spec.RouterSpec;
import io.drydock.rollout.spi.RouterProvider;
import io.drydock.rollout.spi.TrafficRouter;
import java.nio.file.Path;

/** Registers {@link HaproxyRouter} with the rollout stage: a service file's {@code router.socket} is HAProxy's Runtime API. */
public final class HaproxyRouterProvider implements RouterProvider {

  @Override
  public String name() {
    return "haproxy";
  }

  @Override
  public boolean isApplicable(RouterSpec router) {
    return !router.socket().isBlank();
  }

  @Override
  public TrafficRouter attach(RouterSpec router) {
    return HaproxyRouter.attach(Path.of(router.socket()));
  }
}
