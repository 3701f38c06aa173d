package io.drydock.rollout.control;

import io.drydock.rollout.control.RolloutState.Phase;
import io.drydock.rollout.plan.SideTarget;
import io.drydock.rollout.spec.RolloutStrategy;
import io.drydock.rollout.spec.ServiceSpec;
import java.util.ArrayList;
import java.util.List;

/** The sides a state asks for (pure): the planner turns them into actions. */
final class Targets {
  private Targets() {}

  private static int newSideReplicas(ServiceSpec spec, RolloutState state) {
    if (spec.strategy() instanceof RolloutStrategy.BlueGreen bg && bg.previewReplicas() > 0 && state.canaryWeight() < 100) {
      return Math.min(bg.previewReplicas(), spec.replicas());
    }
    return spec.replicas();
  }

  /** What should run and with which share of new requests, for the state's phase. */
  static List<SideTarget> of(ServiceSpec spec, RolloutState state) {
    List<SideTarget> out = new ArrayList<>();
    boolean smoke = !state.smokePassed() && !spec.smokeTests().isEmpty();
    switch (state.phase()) {
      case NEW -> { }
      case HEALTHY, ABORTED -> {
        out.add(new SideTarget(state.stable(), "stable", spec.replicas(), 100, smoke && state.phase() == Phase.HEALTHY));
        if (state.previous() != null && state.phase() == Phase.HEALTHY) {
          out.add(new SideTarget(state.previous(), "stable", spec.replicas(), 0, false));
        }
      }
      default -> {
        int w = state.canaryWeight();
        out.add(new SideTarget(state.stable(), "stable", spec.replicas(), 100 - w, false));
        String role = spec.strategy() instanceof RolloutStrategy.BlueGreen ? "preview" : "canary";
        out.add(new SideTarget(state.canary(), role, newSideReplicas(spec, state), w, smoke));
      }
    }
    return out;
  }

}
