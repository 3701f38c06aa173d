package io.drydock.rollout.plan;

import io.drydock.rollout.spi.ContainerSpec;
import java.util.List;

/** One step the controller performs through the engine or the router. Containers are named by their name. */
public sealed interface Action {

  record CreateContainer(ContainerSpec spec) implements Action {}

  record StartContainer(String container) implements Action {}

  /** Waits for drydock's own health check (healthCheck in the service file) to pass {@code rise} times. */
  record AwaitHealthy(String container, String address) implements Action {}

  /** Adds the server in maintenance with weight 0; {@link EnableServer} lets health checks start. */
  record AddServer(String backend, String server, String address) implements Action {}

  record EnableServer(String backend, String server) implements Action {}

  /** Waits for the router's own health check to report the server UP. */
  record AwaitUp(String backend, String server) implements Action {}

  /** Runs the smoke tests against each address of the revision; failure aborts the rollout. */
  record Smoke(int revision, List<String> addresses) implements Action {
    public Smoke {
      addresses = List.copyOf(addresses);
    }
  }

  record SetWeight(String backend, String server, int weight) implements Action {}

  record Drain(String backend, String server) implements Action {}

  record AwaitNoConnections(String backend, String server) implements Action {}

  record Maintenance(String backend, String server) implements Action {}

  record RemoveServer(String backend, String server) implements Action {}

  record StopContainer(String container) implements Action {}

  record RemoveContainer(String container) implements Action {}
}
