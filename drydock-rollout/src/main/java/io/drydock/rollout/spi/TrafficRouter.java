package io.drydock.rollout.spi;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the rollout controller needs from a traffic switch (HAProxy through its Runtime API). Changes take
 * effect for new requests at once and never need a reload. Failures are
 * {@link io.drydock.model.DrydockException}s: UNREACHABLE when the socket is missing or refuses,
 * INVALID_INPUT when the router rejects a command (the message quotes its answer).
 */
public interface TrafficRouter extends AutoCloseable {

  /**
   * Adds a server to a backend, in maintenance (no traffic) with health checks enabled, at the given weight.
   * {@code address} is {@code host:port}.
   */
  void addServer(String backend, String server, String address, int weight);

  /** Takes the server out of maintenance so that it receives traffic once its health check says UP. */
  void enable(String backend, String server);

  /** Sets the weight (0–256). Weight 0 gets no new requests. */
  void setWeight(String backend, String server, int weight);

  /** Stops sending new requests; existing connections finish. */
  void drain(String backend, String server);

  /** Puts the server in maintenance: no traffic, health checks stopped. */
  void maintenance(String backend, String server);

  /** Removes a server in maintenance. */
  void removeServer(String backend, String server);

  /** Per-server state and counters of one backend. */
  List<ServerStats> stats(String backend);

  /**
   * The service's revisions as the router sees them now, by revision number: each one's share of new requests
   * and its endpoints' counters. Revisions the router has no endpoint for are absent. Analysis (router metrics)
   * and state rebuilding use this, so they need not know how the router names or weighs endpoints.
   */
  Map<Integer, RevisionTraffic> traffic(String backend, String service);

  /**
   * Waits until the server's health check reports UP; false when {@code timeout} passes first.
   *
   * @throws InterruptedException when interrupted while waiting
   */
  boolean awaitUp(String backend, String server, Duration timeout) throws InterruptedException;

  /** Waits until the server has no current connection; false when {@code timeout} passes first. */
  boolean awaitNoConnections(String backend, String server, Duration timeout) throws InterruptedException;

  @Override
  void close();
}
