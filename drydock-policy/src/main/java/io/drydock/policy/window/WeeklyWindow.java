package io.drydock.policy.window;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Locale;
import java.util.Set;
import java.util.EnumSet;

/**
 * Cron-like opening hours: on these days, from {@code start} to {@code end} local time. An end at or before
 * the start runs past midnight into the next day ({@code 22:00-02:00}); {@code 00:00-00:00} is the whole day.
 */
public record WeeklyWindow(Set<DayOfWeek> days, LocalTime start, LocalTime end) {

  public WeeklyWindow {
    days = Set.copyOf(days);
    if (days.isEmpty()) {
      throw new IllegalArgumentException("a window needs at least one day");
    }
  }

  /**
   * Parses {@code days} as {@code mon-fri}, {@code sat,sun}, {@code *} and {@code hours} as {@code 09:00-17:00}
   * or {@code *}.
   */
  public static WeeklyWindow parse(String days, String hours) {
    Set<DayOfWeek> set = EnumSet.noneOf(DayOfWeek.class);
    for (String part : days.toLowerCase(Locale.ROOT).split(",")) {
      String p = part.trim();
      if (p.equals("*")) {
        set.addAll(EnumSet.allOf(DayOfWeek.class));
      } else if (p.contains("-")) {
        DayOfWeek from = day(p.substring(0, p.indexOf('-')));
        DayOfWeek to = day(p.substring(p.indexOf('-') + 1));
        for (DayOfWeek d = from; ; d = d.plus(1)) {
          set.add(d);
          if (d == to) {
            break;
          }
        }
      } else {
        set.add(day(p));
      }
    }
    if (hours.trim().equals("*")) {
      return new WeeklyWindow(set, LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);
    }
    String[] hm = hours.trim().split("-");
    if (hm.length != 2) {
      throw new IllegalArgumentException("hours '" + hours + "' must be HH:MM-HH:MM or *");
    }
    try {
      return new WeeklyWindow(set, LocalTime.parse(hm[0].trim()), LocalTime.parse(hm[1].trim()));
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException("hours '" + hours + "' must be HH:MM-HH:MM or *", e);
    }
  }

  private static DayOfWeek day(String text) {
    String t = text.trim();
    for (DayOfWeek d : DayOfWeek.values()) {
      if (t.length() >= 3 && d.name().toLowerCase(Locale.ROOT).startsWith(t)) {
        return d;
      }
    }
    throw new IllegalArgumentException("'" + text + "' is not a day (mon, tue, wed, thu, fri, sat, sun)");
  }
}
