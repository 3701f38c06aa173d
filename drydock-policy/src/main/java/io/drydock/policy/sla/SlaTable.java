package io.drydock.policy.sla;

import io.drydock.model.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Maximum days from <em>fix available</em> to <em>patched</em>, per tier and severity. A tier without its own
 * row uses the {@code default} row; a severity missing from the row has no SLA.
 *
 * @param days tier name (or {@code default}) to severity to days
 * @param warnWithinDays a deadline at most this many days away is "due in N days" rather than "within SLA"
 */
public record SlaTable(Map<String, Map<Severity, Integer>> days, int warnWithinDays) {

  public static final String DEFAULT_TIER = "default";

  public SlaTable {
    days = Map.copyOf(days);
    for (var row : days.values()) {
      for (int d : row.values()) {
        if (d < 0) {
          throw new IllegalArgumentException("SLA days must be 0 or more, got " + d);
        }
      }
    }
    if (warnWithinDays < 0) {
      throw new IllegalArgumentException("warnWithin must be 0 or more days");
    }
  }

  /** The SLA in days for a tier and severity, if any. */
  public Optional<Integer> daysFor(String tier, Severity severity) {
    Map<Severity, Integer> row = days.containsKey(tier) ? days.get(tier) : days.get(DEFAULT_TIER);
    return row == null ? Optional.empty() : Optional.ofNullable(row.get(severity));
  }

  /**
   * Where a finding stands at {@code now}. Overdue days round up (one hour late is one day late), days left
   * round down (23 hours left is "due in 0 days").
   *
   * @param fixAvailable when the fix became available (the fixed version first seen in the DB, else the
   *     advisory's published date); null when no fix is known
   */
  public SlaStatus assess(String tier, Severity severity, @Nullable Instant fixAvailable, Instant now) {
    if (fixAvailable == null) {
      return new SlaStatus.NotApplicable("no fix available");
    }
    Optional<Integer> sla = daysFor(tier, severity);
    if (sla.isEmpty()) {
      return new SlaStatus.NotApplicable("no SLA for " + severity + " in " + tier);
    }
    Instant deadline = fixAvailable.plus(Duration.ofDays(sla.get()));
    if (now.isAfter(deadline)) {
      long hours = Duration.between(deadline, now).toHours();
      return new SlaStatus.Overdue(Math.max(1, (hours + 23) / 24));
    }
    long left = Duration.between(now, deadline).toDays();
    return left <= warnWithinDays ? new SlaStatus.DueSoon(left) : new SlaStatus.Within(left);
  }
}
