package io.drydock.router.haproxy;

import io.drydock.rollout.plan.Labels;
import io.drydock.rollout.spi.RevisionTraffic;
import io.drydock.rollout.spi.ServerStats;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * HAProxy servers grouped into a service's revisions (pure): servers named {@code SERVICE-rREV-I}; a revision's
 * share of new requests is the effective weight of its servers whose check passes over that of all of them.
 */
final class RevisionTraffics {
  private RevisionTraffics() {}

  static Map<Integer, RevisionTraffic> of(String service, List<ServerStats> servers) {
    Map<Integer, Long> weight = new HashMap<>();
    Map<Integer, Map<String, RevisionTraffic.Counters>> endpoints = new TreeMap<>();
    long total = 0;
    for (ServerStats s : servers) {
      int rev = Labels.revisionOfServer(service, s.server());
      if (rev < 0) {
        continue;
      }
      long w = s.checkPassing() ? s.effectiveWeight() : 0;
      total += w;
      weight.merge(rev, w, Long::sum);
      endpoints.computeIfAbsent(rev, r -> new HashMap<>())
          .put(s.server(), new RevisionTraffic.Counters(s.requests(), s.errors(), s.avgResponseMillis()));
    }
    Map<Integer, RevisionTraffic> out = new TreeMap<>();
    for (Map.Entry<Integer, Map<String, RevisionTraffic.Counters>> e : endpoints.entrySet()) {
      double share = total == 0 ? 0 : (double) weight.get(e.getKey()) / total;
      out.put(e.getKey(), new RevisionTraffic(e.getKey(), share, e.getValue()));
    }
    return out;
  }
}
