package io.drydock.rollout.spi;

/**
 * One server of a backend, from HAProxy's {@code show stat}. Counters are cumulative since the server was
 * added; analysis works on differences between two samples.
 *
 * @param status {@code UP}, {@code DOWN}, {@code MAINT}, {@code DRAIN}, {@code NOLB}, or with a transition
 *     suffix ({@code UP 1/3})
 * @param currentSessions open connections now ({@code scur})
 * @param totalSessions connections so far ({@code stot})
 * @param responses2xx responses by class ({@code hrsp_2xx} …)
 * @param connectionErrors failed connects to the server ({@code econ})
 * @param responseErrors aborted or failed responses ({@code eresp})
 * @param avgResponseMillis average response time over the last 1024 requests ({@code rtime})
 */
public record ServerStats(
    String backend,
    String server,
    String address,
    String status,
    int weight,
    long currentSessions,
    long totalSessions,
    long responses2xx,
    long responses3xx,
    long responses4xx,
    long responses5xx,
    long connectionErrors,
    long responseErrors,
    long avgResponseMillis) {

  public boolean isUp() {
    return status.startsWith("UP");
  }

  /** UP, possibly in transition ({@code UP 1/3}), or up but not load-balanced ({@code NOLB}). */
  public boolean checkPassing() {
    return status.startsWith("UP") || status.startsWith("NOLB");
  }

  public boolean inMaintenance() {
    return status.startsWith("MAINT");
  }

  public boolean draining() {
    return status.startsWith("DRAIN");
  }

  /** The weight that decides new requests: 0 in drain or maintenance. */
  public int effectiveWeight() {
    return inMaintenance() || draining() ? 0 : weight;
  }

  /** Responses of any class plus failed requests: the denominator of an error rate. */
  public long requests() {
    return responses2xx + responses3xx + responses4xx + responses5xx + connectionErrors + responseErrors;
  }

  /** 5xx responses plus connection and response errors. */
  public long errors() {
    return responses5xx + connectionErrors + responseErrors;
  }
}
