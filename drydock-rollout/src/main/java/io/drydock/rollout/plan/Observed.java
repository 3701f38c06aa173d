package io.drydock.rollout.plan;

import io.drydock.rollout.spi.ContainerInfo;
import io.drydock.rollout.spi.ServerStats;
import java.util.List;
import java.util.Set;

/**
 * What the engine and the router report now.
 *
 * @param containers the service's containers (by label {@code io.drydock.service})
 * @param servers every server of the service's backend (other servers are left alone)
 * @param busyPorts ports of the configured range that something else already listens on
 */
public record Observed(List<ContainerInfo> containers, List<ServerStats> servers, Set<Integer> busyPorts) {
  public Observed {
    containers = List.copyOf(containers);
    servers = List.copyOf(servers);
    busyPorts = Set.copyOf(busyPorts);
  }
}
