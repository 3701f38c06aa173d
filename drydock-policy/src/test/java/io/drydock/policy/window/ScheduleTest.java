package io.drydock.policy.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScheduleTest {
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  static final Schedule OFFICE = new Schedule(BERLIN,
      List.of(WeeklyWindow.parse("mon-thu", "09:00-17:00"), WeeklyWindow.parse("fri", "09:00-12:00")),
      List.of(new Freeze(LocalDateTime.parse("2026-12-23T18:00"), LocalDateTime.parse("2027-01-04T06:00"), "year-end")));

  /** Nightly 01:00-04:00 local: crosses the DST changes of Europe/Berlin (2027-03-28 spring forward at 02:00). */
  static final Schedule NIGHTLY = new Schedule(BERLIN, List.of(WeeklyWindow.parse("*", "01:00-04:00")), List.of());

  /** 22:00-02:00 (past midnight) with a freeze from Saturday 23:00 to Sunday 01:00 (across midnight). */
  static final Schedule LATE = new Schedule(ZoneId.of("UTC"), List.of(WeeklyWindow.parse("sat,sun", "22:00-02:00")),
      List.of(new Freeze(LocalDateTime.parse("2026-12-05T23:00"), LocalDateTime.parse("2026-12-06T01:00"), "db migration")));

  @ParameterizedTest(name = "{0} at {1} -> {2}")
  @CsvSource(delimiter = '|', textBlock = """
      office  | 2026-12-01T10:00:00Z | open until 2026-12-01T16:00:00Z
      office  | 2026-12-01T16:30:00Z | closed: outside the deployment windows; next 2026-12-02T08:00:00Z
      office  | 2026-12-04T11:30:00Z | closed: outside the deployment windows; next 2026-12-07T08:00:00Z
      office  | 2026-12-05T10:00:00Z | closed: outside the deployment windows; next 2026-12-07T08:00:00Z
      office  | 2026-12-23T15:00:00Z | open until 2026-12-23T16:00:00Z
      office  | 2026-12-23T16:30:00Z | closed: outside the deployment windows; next 2027-01-04T08:00:00Z
      office  | 2026-12-23T17:30:00Z | closed: freeze 'year-end' until 2027-01-04T06:00 Europe/Berlin; next 2027-01-04T08:00:00Z
      office  | 2026-12-28T10:00:00Z | closed: freeze 'year-end' until 2027-01-04T06:00 Europe/Berlin; next 2027-01-04T08:00:00Z
      nightly | 2027-03-27T00:30:00Z | open until 2027-03-27T03:00:00Z
      nightly | 2027-03-27T12:00:00Z | closed: outside the deployment windows; next 2027-03-28T00:00:00Z
      nightly | 2027-03-28T00:30:00Z | open until 2027-03-28T02:00:00Z
      nightly | 2027-03-28T02:00:00Z | closed: outside the deployment windows; next 2027-03-28T23:00:00Z
      nightly | 2026-10-25T00:30:00Z | open until 2026-10-25T03:00:00Z
      nightly | 2026-10-25T02:30:00Z | open until 2026-10-25T03:00:00Z
      late    | 2026-12-05T22:30:00Z | open until 2026-12-05T23:00:00Z
      late    | 2026-12-05T23:30:00Z | closed: freeze 'db migration' until 2026-12-06T01:00 UTC; next 2026-12-06T01:00:00Z
      late    | 2026-12-06T01:30:00Z | open until 2026-12-06T02:00:00Z
      late    | 2026-12-06T03:00:00Z | closed: outside the deployment windows; next 2026-12-06T22:00:00Z
      late    | 2026-12-07T01:00:00Z | open until 2026-12-07T02:00:00Z
      late    | 2026-12-07T03:00:00Z | closed: outside the deployment windows; next 2026-12-12T22:00:00Z
      """)
  void stateAndNextOpening(String schedule, String now, String expected) {
    Schedule s = switch (schedule) {
      case "office" -> OFFICE;
      case "nightly" -> NIGHTLY;
      default -> LATE;
    };
    WindowState st = s.at(Instant.parse(now));
    String got = st instanceof WindowState.Open o ? "open until " + o.closes()
        : "closed: " + ((WindowState.Closed) st).why() + "; next " + ((WindowState.Closed) st).nextOpening();
    assertThat(got).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"mon-fri,*", "'sat,sun',00:00-00:00", "*,22:00-02:00"})
  void parses(String days, String hours) {
    assertThat(WeeklyWindow.parse(days, hours).days()).isNotEmpty();
  }
}
