package io.drydock.policy.window;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Deployment windows and freezes in one time zone. Local times are mapped to instants with
 * {@link ZonedDateTime#of}: a start that falls in a spring-forward gap moves forward by the gap, a time that
 * occurs twice in the autumn takes the earlier offset. With no window the schedule is always open, except in
 * freezes.
 */
public record Schedule(ZoneId zone, List<WeeklyWindow> windows, List<Freeze> freezes) {

  private static final int HORIZON_DAYS = 370;

  public Schedule {
    windows = List.copyOf(windows);
    freezes = List.copyOf(freezes);
  }

  /** The state at {@code now}. */
  public WindowState at(Instant now) {
    List<Interval> open = subtract(openings(now), frozen());
    for (Interval i : open) {
      if (!now.isBefore(i.from) && now.isBefore(i.to)) {
        return new WindowState.Open(i.to.equals(Instant.MAX) ? null : i.to);
      }
    }
    Instant next = open.stream().map(Interval::from).filter(f -> f.isAfter(now)).min(Comparator.naturalOrder()).orElse(null);
    return new WindowState.Closed(why(now), next);
  }

  private String why(Instant now) {
    for (Freeze f : freezes) {
      Instant from = ZonedDateTime.of(f.from(), zone).toInstant();
      Instant to = ZonedDateTime.of(f.to(), zone).toInstant();
      if (!now.isBefore(from) && now.isBefore(to)) {
        return "freeze '" + f.reason() + "' until " + f.to() + " " + zone;
      }
    }
    return "outside the deployment windows";
  }

  private record Interval(Instant from, Instant to) {}

  /** The openings that touch [now - 1 day, now + horizon], merged and sorted. */
  private List<Interval> openings(Instant now) {
    List<Interval> out = new ArrayList<>();
    if (windows.isEmpty()) {
      out.add(new Interval(Instant.MIN, Instant.MAX));
      return out;
    }
    LocalDate today = now.atZone(zone).toLocalDate();
    for (LocalDate d = today.minusDays(1); d.isBefore(today.plusDays(HORIZON_DAYS)); d = d.plusDays(1)) {
      for (WeeklyWindow w : windows) {
        if (!w.days().contains(d.getDayOfWeek())) {
          continue;
        }
        Instant from = ZonedDateTime.of(d, w.start(), zone).toInstant();
        LocalDate endDay = w.end().isAfter(w.start()) ? d : d.plusDays(1);
        Instant to = ZonedDateTime.of(endDay, w.end(), zone).toInstant();
        out.add(new Interval(from, to));
      }
    }
    out.sort(Comparator.comparing(Interval::from));
    List<Interval> merged = new ArrayList<>();
    for (Interval i : out) {
      Interval last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && !i.from.isAfter(last.to)) {
        merged.set(merged.size() - 1, new Interval(last.from, max(last.to, i.to)));
      } else {
        merged.add(i);
      }
    }
    return merged;
  }

  private List<Interval> frozen() {
    return freezes.stream()
        .map(f -> new Interval(ZonedDateTime.of(f.from(), zone).toInstant(), ZonedDateTime.of(f.to(), zone).toInstant()))
        .toList();
  }

  private static List<Interval> subtract(List<Interval> open, List<Interval> cuts) {
    List<Interval> cur = open;
    for (Interval c : cuts) {
      List<Interval> next = new ArrayList<>();
      for (Interval i : cur) {
        if (!c.to.isAfter(i.from) || !c.from.isBefore(i.to)) {
          next.add(i);
          continue;
        }
        if (c.from.isAfter(i.from)) {
          next.add(new Interval(i.from, c.from));
        }
        if (c.to.isBefore(i.to)) {
          next.add(new Interval(c.to, i.to));
        }
      }
      cur = next;
    }
    return cur;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  /** For messages: an instant in the schedule's zone. */
  public String local(@Nullable Instant t) {
    return t == null ? "none within a year" : t.atZone(zone).toOffsetDateTime().toString() + " (" + zone + ")";
  }
}
