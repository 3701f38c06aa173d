package io.drydock.rollout.spi;

import java.util.Map;

/**
 * What a router reports for one revision of a service at one instant, in revision terms: its share of new
 * requests and the cumulative counters of each of its endpoints. How endpoints are named and how the share is
 * computed is the router's business (HAProxy: servers {@code SERVICE-rREV-I} and their weights).
 *
 * @param share fraction (0..1) of new requests this revision gets now; 0 when it has no ready endpoint
 * @param endpoints counters by endpoint id (opaque to the caller), cumulative since the endpoint was added
 */
public record RevisionTraffic(int revision, double share, Map<String, Counters> endpoints) {
  public RevisionTraffic {
    endpoints = Map.copyOf(endpoints);
  }

  /**
   * Cumulative counters of one endpoint.
   *
   * @param requests responses of any class plus failed requests
   * @param errors 5xx responses plus connection and response errors
   * @param avgResponseMillis the router's recent average response time of the endpoint
   */
  public record Counters(long requests, long errors, long avgResponseMillis) {}

  /**
   * What happened between {@code before} and this sample, over the endpoints present in both.
   *
   * @param requests requests in the window
   * @param errors errors in the window
   * @param worstAvgResponseMillis the highest average response time among endpoints that served a request in the
   *     window; -1 when none did
   */
  public record Window(long requests, long errors, long worstAvgResponseMillis) {}

  /** The window from {@code before} to this sample (endpoints added in between are left out). */
  public Window since(RevisionTraffic before) {
    long requests = 0;
    long errors = 0;
    long worst = -1;
    for (Map.Entry<String, Counters> e : endpoints.entrySet()) {
      Counters b = before.endpoints.get(e.getKey());
      if (b == null) {
        continue;
      }
      long dr = e.getValue().requests() - b.requests();
      requests += dr;
      errors += e.getValue().errors() - b.errors();
      if (dr > 0) {
        worst = Math.max(worst, e.getValue().avgResponseMillis());
      }
    }
    return new Window(requests, errors, worst);
  }
}
