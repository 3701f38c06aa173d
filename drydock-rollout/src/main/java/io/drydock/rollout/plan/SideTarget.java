package io.drydock.rollout.plan;

/**
 * What one revision of a service should look like: how many containers, which share of new requests, and
 * whether its smoke tests must still pass before it gets any.
 *
 * @param role written into the {@code io.drydock.role} label of new containers: stable, canary or preview
 * @param trafficPercent 0..100; the targets of one plan add up to 100
 */
public record SideTarget(Revision revision, String role, int replicas, int trafficPercent, boolean smokeRequired) {
  public SideTarget {
    if (replicas < 1 || replicas > 32) {
      throw new IllegalArgumentException("replicas must be 1..32");
    }
    if (trafficPercent < 0 || trafficPercent > 100) {
      throw new IllegalArgumentException("trafficPercent must be 0..100");
    }
  }
}
