package io.drydock.rollout.analysis;

/** Phases of a measurement, a metric and an analysis run, as in Argo Rollouts, ordered from best to worst. */
public enum AnalysisPhase {
  PENDING,
  RUNNING,
  SUCCESSFUL,
  INCONCLUSIVE,
  ERROR,
  FAILED;

  public boolean completed() {
    return this != PENDING && this != RUNNING;
  }

  /** Argo's IsWorse: Failed is worst, then Error, Inconclusive, Successful. */
  public boolean worseThan(AnalysisPhase other) {
    return ordinal() > other.ordinal();
  }
}
