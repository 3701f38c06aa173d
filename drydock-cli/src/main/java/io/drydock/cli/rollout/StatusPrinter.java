package io.drydock.cli.rollout;

import io.drydock.rollout.control.RolloutState;
import io.drydock.rollout.plan.Revision;
import io.drydock.rollout.spi.ServerStats;
import java.io.PrintWriter;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Plain-text rendering of a rollout's state. */
final class StatusPrinter {
  private StatusPrinter() {}

  static void print(PrintWriter out, RolloutState s, @Nullable List<ServerStats> servers) {
    out.println("service:  " + s.service());
    out.println("phase:    " + s.phase());
    out.println("stable:   " + rev(s.stable()));
    if (s.canary() != null) {
      out.println((s.phase() == RolloutState.Phase.ABORTED ? "aborted:  " : "new:      ") + rev(s.canary())
          + (s.inProgress() ? "  (" + s.canaryWeight() + "% of new requests, step " + (s.stepIndex() + 1) + ")" : ""));
    }
    if (s.previous() != null) {
      out.println("previous: " + rev(s.previous()) + "  (runnable for undo until " + s.previousScaleDownAt() + ")");
    }
    if (s.pauseUntil() != null) {
      out.println("paused until: " + s.pauseUntil());
    }
    if (s.message() != null) {
      out.println("message:  " + s.message());
    }
    if (servers != null && !servers.isEmpty()) {
      out.printf("%-24s %-22s %-10s %6s %8s %8s %8s%n", "SERVER", "ADDRESS", "STATUS", "WEIGHT", "CONN", "REQ", "5XX");
      for (ServerStats st : servers) {
        out.printf("%-24s %-22s %-10s %6d %8d %8d %8d%n", st.server(), st.address(), st.status(), st.weight(),
            st.currentSessions(), st.requests(), st.responses5xx());
      }
    }
    out.flush();
  }

  static String rev(@Nullable Revision r) {
    return r == null ? "-" : "r" + r.number() + " " + r.image();
  }
}
