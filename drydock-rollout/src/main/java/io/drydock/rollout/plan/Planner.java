package io.drydock.rollout.plan;

import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import io.drydock.rollout.spec.NetworkSettings;
import io.drydock.rollout.spec.ServiceSpec;
import io.drydock.rollout.spi.ContainerInfo;
import io.drydock.rollout.spi.ContainerSpec;
import io.drydock.rollout.spi.ServerStats;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Pure convergence planner: from the service spec, the target of each revision and what the engine and router
 * report, the ordered actions that make the service look like the targets. Safe to call again after any
 * action failed or the process died: it plans from what it observes.
 *
 * <p>Order, which the invariants rely on:
 * <ol>
 *   <li>bring up: create, start, drydock's health check, add server (maintenance, weight 0), enable, the
 *       router's health check UP: no request reaches a container before this;</li>
 *   <li>smoke tests of revisions that still need them, still at weight 0;</li>
 *   <li>weights that go up, then weights that go down: at least one healthy weighted server all along;</li>
 *   <li>retire what no target wants: drain, wait for no connections, maintenance, remove server, stop and
 *       remove the container.</li>
 * </ol>
 */
public final class Planner {
  /** Total weight a side at 100 % gets, spread over its servers (HAProxy allows 0..256 per server). */
  static final int FULL_WEIGHT = 200;

  private Planner() {}

  /** HAProxy weight of each server of a side holding {@code percent} of traffic over {@code replicas} servers. */
  public static int weightFor(int percent, int replicas) {
    if (percent == 0) {
      return 0;
    }
    return Math.max(1, (int) Math.round((double) FULL_WEIGHT * percent / 100 / replicas));
  }

  public static List<Action> plan(ServiceSpec spec, List<SideTarget> targets, Observed observed) {
    validate(targets);
    String service = spec.name();
    String backend = spec.router().backend();
    Pattern ours = Pattern.compile(Pattern.quote(service) + "-r(\\d+)-(\\d+)");

    Map<String, ContainerInfo> containers = new LinkedHashMap<>();
    Set<Integer> usedPorts = new HashSet<>(observed.busyPorts());
    for (ContainerInfo c : observed.containers()) {
      if (service.equals(c.labels().get(Labels.SERVICE))) {
        containers.put(c.name().startsWith("/") ? c.name().substring(1) : c.name(), c);
        Integer port = port(c);
        if (port != null) {
          usedPorts.add(port);
        }
      }
    }
    Map<String, ServerStats> servers = new LinkedHashMap<>();
    for (ServerStats s : observed.servers()) {
      if (s.backend().equals(backend) && ours.matcher(s.server()).matches()) {
        servers.put(s.server(), s);
      }
    }

    List<Action> bringUp = new ArrayList<>();
    List<Action> smoke = new ArrayList<>();
    List<Action> increase = new ArrayList<>();
    List<Action> decrease = new ArrayList<>();
    List<Action> retire = new ArrayList<>();
    Set<String> wantedContainers = new HashSet<>();
    Set<String> wantedServers = new HashSet<>();

    for (SideTarget t : targets) {
      int rev = t.revision().number();
      int weight = weightFor(t.trafficPercent(), t.replicas());
      List<String> addresses = new ArrayList<>();
      for (int i = 0; i < t.replicas(); i++) {
        String cname = Labels.containerName(service, rev, i);
        String sname = Labels.serverName(service, rev, i);
        wantedContainers.add(cname);
        wantedServers.add(sname);
        ContainerInfo c = containers.get(cname);
        ServerStats s = servers.get(sname);
        Integer port = c == null ? null : port(c);
        boolean fresh = false;
        if (c == null || !c.running() || port == null) {
          if (c != null) {
            bringUp.add(new Action.RemoveContainer(cname));
          }
          if (port == null) {
            port = freePort(spec, usedPorts, cname);
          }
          bringUp.add(new Action.CreateContainer(containerSpec(spec, t, i, port)));
          bringUp.add(new Action.StartContainer(cname));
          bringUp.add(new Action.AwaitHealthy(cname, address(port)));
          fresh = true;
        }
        String address = address(port);
        addresses.add(address);
        boolean upNow = s != null && s.checkPassing() && !fresh;
        if (s == null) {
          if (!fresh) {
            bringUp.add(new Action.AwaitHealthy(cname, address));
          }
          bringUp.add(new Action.AddServer(backend, sname, address));
          bringUp.add(new Action.EnableServer(backend, sname));
          bringUp.add(new Action.AwaitUp(backend, sname));
        } else if (s.inMaintenance()) {
          bringUp.add(new Action.SetWeight(backend, sname, 0));
          bringUp.add(new Action.EnableServer(backend, sname));
          bringUp.add(new Action.AwaitUp(backend, sname));
        } else if ((!upNow || s.draining()) && (weight > 0 || t.smokeRequired())) {
          // a drained server may be DOWN behind its DRAIN status: the router's check decides
          bringUp.add(new Action.AwaitUp(backend, sname));
        }
        int current = s == null || s.inMaintenance() ? 0 : s.effectiveWeight();
        if (weight > current || (weight > 0 && s != null && s.draining())) {
          increase.add(new Action.SetWeight(backend, sname, weight));
          if (s != null && s.draining()) {
            increase.add(new Action.EnableServer(backend, sname));
          }
        } else if (weight < current) {
          decrease.add(new Action.SetWeight(backend, sname, weight));
        }
      }
      if (t.smokeRequired()) {
        smoke.add(new Action.Smoke(rev, addresses));
      }
    }

    for (ServerStats s : servers.values()) {
      if (!wantedServers.contains(s.server())) {
        if (!s.inMaintenance()) {
          retire.add(new Action.Drain(backend, s.server()));
          retire.add(new Action.AwaitNoConnections(backend, s.server()));
          retire.add(new Action.Maintenance(backend, s.server()));
        }
        retire.add(new Action.RemoveServer(backend, s.server()));
      }
    }
    for (Map.Entry<String, ContainerInfo> e : containers.entrySet()) {
      if (!wantedContainers.contains(e.getKey())) {
        if (e.getValue().running()) {
          retire.add(new Action.StopContainer(e.getKey()));
        }
        retire.add(new Action.RemoveContainer(e.getKey()));
      }
    }

    List<Action> out = new ArrayList<>(bringUp);
    out.addAll(smoke);
    out.addAll(increase);
    out.addAll(decrease);
    out.addAll(retire);
    return List.copyOf(out);
  }

  private static void validate(List<SideTarget> targets) {
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("at least one revision must be targeted");
    }
    int sum = 0;
    Set<Integer> revs = new HashSet<>();
    for (SideTarget t : targets) {
      sum += t.trafficPercent();
      if (!revs.add(t.revision().number())) {
        throw new IllegalArgumentException("revision " + t.revision().number() + " targeted twice");
      }
    }
    if (sum != 100) {
      throw new IllegalArgumentException("traffic of the targets must add up to 100, not " + sum);
    }
  }

  /** The container to create for replica {@code i} of a target, listening on {@code port}. */
  static ContainerSpec containerSpec(ServiceSpec spec, SideTarget t, int i, int port) {
    Map<String, String> env = new LinkedHashMap<>(spec.container().env());
    Map<String, String> labels = new LinkedHashMap<>(spec.container().labels());
    labels.put(Labels.SERVICE, spec.name());
    labels.put(Labels.REVISION, Integer.toString(t.revision().number()));
    labels.put(Labels.IMAGE_DIGEST, t.revision().digest().toString());
    labels.put(Labels.IMAGE, t.revision().image().toString());
    labels.put(Labels.ROLE, t.role());
    labels.put(Labels.REPLICA, Integer.toString(i));
    labels.put(Labels.PORT, Integer.toString(port));
    List<ContainerSpec.PortBinding> bindings = List.of();
    if (spec.network().host()) {
      env.put("PORT", Integer.toString(port));
    } else {
      int containerPort = spec.container().ports().isEmpty() ? port : spec.container().ports().get(0);
      bindings = List.of(new ContainerSpec.PortBinding(NetworkSettings.LOOPBACK, port, containerPort));
    }
    return new ContainerSpec(Labels.containerName(spec.name(), t.revision().number(), i), t.revision().image(), env,
        spec.container().command(), spec.network().mode(), bindings, spec.container().volumes(), labels,
        spec.container().memoryBytes(), spec.container().nanoCpus());
  }

  private static int freePort(ServiceSpec spec, Set<Integer> used, String container) {
    for (int p = spec.network().portFrom(); p <= spec.network().portTo(); p++) {
      if (used.add(p)) {
        return p;
      }
    }
    throw new DrydockException(ErrorKind.CONFLICT, "Tried to give container " + container + " a port from "
        + spec.network().portFrom() + "-" + spec.network().portTo() + " but failed because: every port of the range is in use");
  }

  static String address(int port) {
    return NetworkSettings.LOOPBACK + ":" + port;
  }

  static @Nullable Integer port(ContainerInfo c) {
    String p = c.labels().get(Labels.PORT);
    if (p == null) {
      return null;
    }
    try {
      return Integer.valueOf(p);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
