package io.drydock.model.event;

import io.drydock.model.Digest;

/** What the rollout stage reports. */
public sealed interface RolloutEvent extends DomainEvent {

  /** The service the event is about. */
  String service();

  /**
   * A rollout of a new revision began.
   *
   * @param strategy {@code blueGreen} or {@code canary}
   */
  record RolloutStarted(String service, int revision, String image, Digest digest, String strategy) implements RolloutEvent {
    @Override
    public String summary() {
      return service + ": rolling out r" + revision + " " + image + "@" + digest + " (" + strategy + ")";
    }
  }
}
