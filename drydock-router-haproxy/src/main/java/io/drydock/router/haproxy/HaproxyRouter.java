package io.drydock.router.haproxy;

import io.drydock.model.DrydockException;
import io.drydock.rollout.spi.RevisionTraffic;
import io.drydock.rollout.spi.ServerStats;
import io.drydock.rollout.spi.TrafficRouter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@link TrafficRouter} over HAProxy's Runtime API (a {@code stats socket … level admin}), HAProxy 2.6 or newer:
 * servers are added and removed with {@code add server} / {@code del server}, never with a reload.
 *
 * <p>A new server is added in HAProxy's DRAIN state with its health check running and its health forced DOWN, so
 * that it gets no traffic and must pass {@code rise} checks before {@link #awaitUp} says UP. (HAProxy's MAINT state
 * would stop the checks, and a dynamic server otherwise starts as UP before its first check.) {@link #enable} then
 * sets it READY. Its backend therefore needs {@code option httpchk} (or another check) for {@link #awaitUp}.
 */
public final class HaproxyRouter implements TrafficRouter {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
  private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9_.-]{1,253}:[0-9]{1,5}|\\[[0-9a-fA-F:.]+\\]:[0-9]{1,5}");
  private static final Set<String> EMPTY = Set.of("");

  private final RuntimeApi api;
  private final ServerOptions serverOptions;
  private final Duration pollInterval;
  private final Clock clock;

  private HaproxyRouter(RuntimeApi api, ServerOptions serverOptions, Duration pollInterval, Clock clock) {
    this.api = api;
    this.serverOptions = serverOptions;
    this.pollInterval = pollInterval;
    this.clock = clock;
  }

  /**
   * Attaches to a running HAProxy by its admin socket, adding servers with {@link ServerOptions#defaults()}
   * (commands time out after 5 s, waits poll every 100 ms).
   *
   * @throws DrydockException UNREACHABLE when nothing answers on the socket
   */
  public static HaproxyRouter attach(Path socket) {
    return attach(socket, ServerOptions.defaults());
  }

  /** Attaches, adding servers with the given health-check settings. */
  public static HaproxyRouter attach(Path socket, ServerOptions serverOptions) {
    return attach(socket, serverOptions, Duration.ofSeconds(5), Duration.ofMillis(100), Clock.systemUTC());
  }

  /** Attaches with explicit command timeout, poll interval of the waits, and clock. Checks the socket answers. */
  public static HaproxyRouter attach(Path socket, ServerOptions serverOptions, Duration commandTimeout, Duration pollInterval,
      Clock clock) {
    requirePositive(commandTimeout, "commandTimeout");
    requirePositive(pollInterval, "pollInterval");
    HaproxyRouter router = new HaproxyRouter(new RuntimeApi(socket, commandTimeout), Objects.requireNonNull(serverOptions),
        pollInterval, Objects.requireNonNull(clock));
    String info = router.api.execute("show info");
    if (!info.contains("Name: HAProxy")) {
      throw DrydockException.invalidInput("Tried to attach to HAProxy at " + socket + " but failed because: `show info` answered: "
          + Replies.quote(info.strip()));
    }
    return router;
  }

  public Path socket() {
    return api.socket();
  }

  @Override
  public void addServer(String backend, String server, String address, int weight) {
    String id = id(backend, server);
    requireAddress(address);
    requireWeight(weight);
    run("add server " + id + " " + address + " check " + serverOptions.keywords() + " weight " + weight + " disabled", Set.of("New server registered."));
    try {
      run("enable health " + id, EMPTY);
      run("set server " + id + " state drain", EMPTY);
      run("set server " + id + " health down", EMPTY);
    } catch (DrydockException e) {
      try {
        run("set server " + id + " state maint", EMPTY);
        run("del server " + id, Set.of("Server deleted."));
      } catch (DrydockException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  @Override
  public void enable(String backend, String server) {
    run("set server " + id(backend, server) + " state ready", EMPTY);
  }

  @Override
  public void setWeight(String backend, String server, int weight) {
    requireWeight(weight);
    run("set server " + id(backend, server) + " weight " + weight, EMPTY);
  }

  @Override
  public void drain(String backend, String server) {
    run("set server " + id(backend, server) + " state drain", EMPTY);
  }

  @Override
  public void maintenance(String backend, String server) {
    run("set server " + id(backend, server) + " state maint", EMPTY);
  }

  @Override
  public void removeServer(String backend, String server) {
    run("del server " + id(backend, server), Set.of("Server deleted."));
  }

  @Override
  public List<ServerStats> stats(String backend) {
    requireName(backend, "backend");
    return StatsCsv.servers(showStat(), backend).stream().map(StatsCsv.Row::toServerStats).toList();
  }

  @Override
  public Map<Integer, RevisionTraffic> traffic(String backend, String service) {
    return RevisionTraffics.of(service, stats(backend));
  }

  @Override
  public boolean awaitUp(String backend, String server, Duration timeout) throws InterruptedException {
    String id = id(backend, server);
    Instant deadline = clock.instant().plus(timeout);
    while (true) {
      StatsCsv.Row row = StatsCsv.server(showStat(), backend, server)
          .orElseThrow(() -> DrydockException.notFound("Tried to wait for " + id + " to be UP but failed because: HAProxy has no such server"));
      if (row.healthyByCheck()) {
        return true;
      }
      if (!sleepUntilNextPoll(deadline)) {
        return false;
      }
    }
  }

  @Override
  public boolean awaitNoConnections(String backend, String server, Duration timeout) throws InterruptedException {
    String id = id(backend, server);
    Instant deadline = clock.instant().plus(timeout);
    while (true) {
      StatsCsv.Row row = StatsCsv.server(showStat(), backend, server)
          .orElseThrow(() -> DrydockException.notFound("Tried to wait for " + id + " to have no connection but failed because: HAProxy has no such server"));
      if (row.number("scur") == 0 && usedConnections(backend, server) == 0) {
        return true;
      }
      if (!sleepUntilNextPoll(deadline)) {
        return false;
      }
    }
  }

  /** Connections HAProxy uses to the server now ({@code used_cur} of {@code show servers conn}); 0 if unknown. */
  long usedConnections(String backend, String server) {
    String reply = api.execute("show servers conn " + backend);
    if (reply.strip().startsWith("#")) {
      return StatsCsv.usedConnections(reply).getOrDefault(server, 0L);
    }
    Replies.expect("show servers conn " + backend, reply, Set.of());
    return 0;
  }

  private boolean sleepUntilNextPoll(Instant deadline) throws InterruptedException {
    Duration left = Duration.between(clock.instant(), deadline);
    if (left.isNegative() || left.isZero()) {
      return false;
    }
    Thread.sleep(Math.max(1, Math.min(pollInterval.toMillis(), left.toMillis())));
    return true;
  }

  private List<StatsCsv.Row> showStat() {
    return StatsCsv.parse(api.execute("show stat"));
  }

  private void run(String command, Set<String> ok) {
    Replies.expect(command, api.execute(command), ok);
  }

  /** Nothing to release: every command uses its own connection. */
  @Override
  public void close() {}

  private static String id(String backend, String server) {
    requireName(backend, "backend");
    requireName(server, "server");
    return backend + "/" + server;
  }

  private static void requireName(String name, String what) {
    if (!NAME.matcher(name).matches()) {
      throw DrydockException.invalidInput("Tried to use HAProxy " + what + " name '" + Replies.quote(name)
          + "' but failed because: names are 1-64 letters, digits, '_', '.', ':' or '-'");
    }
  }

  private static void requireAddress(String address) {
    if (!ADDRESS.matcher(address).matches()) {
      throw DrydockException.invalidInput("Tried to add HAProxy server address '" + Replies.quote(address)
          + "' but failed because: expected host:port");
    }
  }

  private static void requireWeight(int weight) {
    if (weight < 0 || weight > 256) {
      throw DrydockException.invalidInput("Tried to set HAProxy weight " + weight + " but failed because: weights are 0-256");
    }
  }

  private static void requirePositive(Duration d, String what) {
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be positive: " + d);
    }
  }

  @Override
  public String toString() {
    return "HaproxyRouter[" + api.socket() + "]";
  }
}
