package io.drydock.store;

import io.drydock.model.Digest;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What runs or is referenced where, as the ledger last saw it.
 *
 * @param kind {@code container}, {@code service}, {@code ref} or {@code registry}
 * @param location the entry's key within its kind ({@code host/name}, {@code file:line}, {@code registry/repo:tag})
 * @param present whether the latest sync of its scope still saw it
 */
public record InventoryEntry(String kind, String location, String image, @Nullable Digest digest,
    @Nullable String service, @Nullable String host, @Nullable String tier, Map<String, String> labels,
    Instant firstSeen, Instant lastSeen, boolean present) {
  public InventoryEntry {
    labels = Map.copyOf(labels);
  }

  /** What a sync observed, before the ledger adds first-seen/last-seen. */
  public record Observation(String kind, String location, String image, @Nullable Digest digest,
      @Nullable String service, @Nullable String host, @Nullable String tier, Map<String, String> labels) {
    public Observation {
      labels = Map.copyOf(labels);
    }
  }
}
