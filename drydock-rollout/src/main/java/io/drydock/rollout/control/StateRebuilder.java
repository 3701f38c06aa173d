package io.drydock.rollout.control;

import io.drydock.model.Digest;
import io.drydock.model.ImageRef;
import io.drydock.model.event.EventSink;
import io.drydock.rollout.control.RolloutState.Phase;
import io.drydock.rollout.plan.Labels;
import io.drydock.rollout.plan.Revision;
import io.drydock.rollout.spec.ServiceSpec;
import io.drydock.rollout.spi.ContainerEngine;
import io.drydock.rollout.spi.ContainerInfo;
import io.drydock.rollout.spi.TrafficRouter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;


/** Loads the saved state, or rebuilds one from container labels and router weights when there is none. */
final class StateRebuilder {
  private final ServiceSpec spec;
  private final ContainerEngine engine;
  private final TrafficRouter router;
  private final StateStore store;
  private final EventSink events;
  private final Context ctx;

  StateRebuilder(Context ctx) {
    this.spec = ctx.spec();
    this.engine = ctx.engine();
    this.router = ctx.router();
    this.store = ctx.store();
    this.events = ctx.events();
    this.ctx = ctx;
  }


  /** The saved state; when there is none but labelled containers exist, a state rebuilt from their labels. */
  RolloutState loadOrRebuild() {
    RolloutState state = store.load(spec.name());
    if (state.phase() != Phase.NEW) {
      return state;
    }
    List<ContainerInfo> containers = engine.list(Map.of(Labels.SERVICE, spec.name()));
    if (containers.isEmpty()) {
      return state;
    }
    Map<Integer, Revision> revisions = new HashMap<>();
    for (ContainerInfo c : containers) {
      try {
        int n = Integer.parseInt(c.labels().get(Labels.REVISION));
        revisions.put(n, new Revision(n, ImageRef.parse(c.labels().get(Labels.IMAGE)), Digest.parse(c.labels().get(Labels.IMAGE_DIGEST))));
      } catch (RuntimeException e) {
        events.warn(spec.name() + ": skipped container " + c.name() + " with unreadable drydock labels");
      }
    }
    if (revisions.isEmpty()) {
      return state;
    }
    Map<Integer, Double> share = new HashMap<>();
    router.traffic(spec.router().backend(), spec.name()).forEach((n, t) -> share.put(n, t.share()));
    int stable = revisions.keySet().stream().max((x, y) -> !share.getOrDefault(x, 0.0).equals(share.getOrDefault(y, 0.0))
        ? Double.compare(share.getOrDefault(x, 0.0), share.getOrDefault(y, 0.0)) : Integer.compare(x, y)).orElseThrow();
    int next = revisions.keySet().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
    events.warn(spec.name() + ": no saved state in " + store.dir() + "; rebuilt it from container labels: r" + stable
        + " is stable" + (revisions.size() > 1 ? ", other revisions " + revisions.keySet() + " will be removed" : ""));
    RolloutState rebuilt = new RolloutState(RolloutState.SCHEMA, spec.name(), RolloutState.Revisions.of(revisions.get(stable)),
        RolloutState.Progress.at(Phase.HEALTHY, true, "rebuilt from container labels"), next, List.of());
    store.save(rebuilt);
    return rebuilt;
  }

}
