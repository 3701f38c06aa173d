package io.drydock.rollout.testing;

import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import io.drydock.rollout.plan.Labels;
import io.drydock.rollout.spi.RevisionTraffic;
import io.drydock.rollout.spi.ServerStats;
import io.drydock.rollout.spi.TrafficRouter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * In-memory HAProxy backend. A server is UP when it is not in maintenance and {@link #healthy} says so for
 * its address. After every change {@link #onChange} runs, so tests can check invariants at each step.
 */
public final class FakeRouter implements TrafficRouter {
  /** Runs when closed (tests that check who closes what). */
  public Runnable onClose = () -> {};

  public static final class Server {
    public String address;
    public int weight;
    public boolean maint = true;
    public boolean drain;
    public long sessions;
    public long requests;
    public long errors;
    public long rtime;

    Server(String address, int weight) {
      this.address = address;
      this.weight = weight;
    }
  }

  public final Map<String, Server> servers = new LinkedHashMap<>();
  public final List<String> calls = new ArrayList<>();
  public Predicate<String> healthy = address -> true;
  public Consumer<FakeRouter> onChange = r -> {};
  public boolean unreachable;

  @Override
  public synchronized void addServer(String backend, String server, String address, int weight) {
    check();
    calls.add("add " + server + " " + address);
    if (servers.containsKey(server)) {
      throw DrydockException.invalidInput("Already exists a server " + server);
    }
    servers.put(server, new Server(address, weight));
    onChange.accept(this);
  }

  @Override
  public synchronized void enable(String backend, String server) {
    check();
    calls.add("enable " + server);
    Server s = get(server);
    s.maint = false;
    s.drain = false;
    onChange.accept(this);
  }

  @Override
  public synchronized void setWeight(String backend, String server, int weight) {
    check();
    calls.add("weight " + server + " " + weight);
    get(server).weight = weight;
    onChange.accept(this);
  }

  @Override
  public synchronized void drain(String backend, String server) {
    check();
    calls.add("drain " + server);
    get(server).drain = true;
    onChange.accept(this);
  }

  @Override
  public synchronized void maintenance(String backend, String server) {
    check();
    calls.add("maint " + server);
    get(server).maint = true;
    onChange.accept(this);
  }

  @Override
  public synchronized void removeServer(String backend, String server) {
    check();
    calls.add("remove " + server);
    if (!get(server).maint) {
      throw DrydockException.invalidInput("server " + server + " is not in maintenance");
    }
    servers.remove(server);
    onChange.accept(this);
  }

  public synchronized String status(String server) {
    Server s = get(server);
    if (s.maint) {
      return "MAINT";
    }
    if (s.drain) {
      return "DRAIN";
    }
    return healthy.test(s.address) ? "UP" : "DOWN";
  }

  /** Servers that receive new requests: UP, not draining, weight above 0. */
  public synchronized List<String> inRotation() {
    return servers.entrySet().stream()
        .filter(e -> status(e.getKey()).equals("UP") && e.getValue().weight > 0)
        .map(Map.Entry::getKey).toList();
  }

  @Override
  public synchronized List<ServerStats> stats(String backend) {
    check();
    List<ServerStats> out = new ArrayList<>();
    for (Map.Entry<String, Server> e : servers.entrySet()) {
      Server s = e.getValue();
      out.add(new ServerStats(backend, e.getKey(), s.address, status(e.getKey()), s.weight, s.sessions, s.requests,
          s.requests - s.errors, 0, 0, s.errors, 0, 0, s.rtime));
    }
    return out;
  }

  /** By revision, as HAProxy's adapter reports it: servers SERVICE-rREV-I, share by the weight of UP servers. */
  @Override
  public synchronized Map<Integer, RevisionTraffic> traffic(String backend, String service) {
    List<ServerStats> all = stats(backend);
    long total = 0;
    Map<Integer, Long> weight = new TreeMap<>();
    Map<Integer, Map<String, RevisionTraffic.Counters>> endpoints = new TreeMap<>();
    for (ServerStats s : all) {
      int rev = Labels.revisionOfServer(service, s.server());
      if (rev >= 0) {
        long w = s.checkPassing() ? s.effectiveWeight() : 0;
        total += w;
        weight.merge(rev, w, Long::sum);
        endpoints.computeIfAbsent(rev, r -> new LinkedHashMap<>())
            .put(s.server(), new RevisionTraffic.Counters(s.requests(), s.errors(), s.avgResponseMillis()));
      }
    }
    Map<Integer, RevisionTraffic> out = new TreeMap<>();
    for (Map.Entry<Integer, Map<String, RevisionTraffic.Counters>> e : endpoints.entrySet()) {
      out.put(e.getKey(), new RevisionTraffic(e.getKey(), total == 0 ? 0 : (double) weight.get(e.getKey()) / total, e.getValue()));
    }
    return out;
  }

  @Override
  public synchronized boolean awaitUp(String backend, String server, Duration timeout) {
    check();
    calls.add("awaitUp " + server);
    Server s = get(server);
    return !s.maint && healthy.test(s.address);
  }

  @Override
  public synchronized boolean awaitNoConnections(String backend, String server, Duration timeout) {
    check();
    calls.add("awaitNoConnections " + server);
    get(server).sessions = 0;
    return true;
  }

  @Override
  public void close() {
    onClose.run();
  }

  private Server get(String server) {
    Server s = servers.get(server);
    if (s == null) {
      throw DrydockException.invalidInput("No such server " + server);
    }
    return s;
  }

  private void check() {
    if (unreachable) {
      throw new DrydockException(ErrorKind.UNREACHABLE, "Tried to reach HAProxy but failed because: fake socket missing");
    }
  }
}
