package io.drydock.router.haproxy.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LoadReportTest {

  /** versions: 'b' blue, 'g' green, 'x' failure; one request per 10 ns starting at 0, listed out of order. */
  static LoadReport report(String answers) {
    int n = answers.length();
    long[] due = new long[n];
    int[] lat = new int[n];
    byte[] ver = new byte[n];
    for (int i = 0; i < n; i++) {
      int j = n - 1 - i; // completion order differs from due order
      due[j] = i * 10L;
      ver[j] = switch (answers.charAt(i)) {
        case 'b' -> 1;
        case 'g' -> 2;
        default -> 0;
      };
      lat[j] = i;
    }
    return new LoadReport(LoadSpec.of(80, 100, Duration.ofSeconds(1)), 0, n * 10L, n, due, lat, ver, List.of("b", "g"),
        answers.chars().filter(c -> c == 'x').count(), List.of());
  }

  @ParameterizedTest(name = "{0} from {1} -> {2}")
  @CsvSource({
      "bbbbgggg, 0, 40",
      "bbbbgggg, 20, 20",
      "bbbbgggg, 50, 0",
      "bbgbgggg, 0, 40",
      "bbbbggxg, 0, 70",
      "gggggggg, 0, 0",
      "bbbbbbbb, 0, -1",
      "bbbbgggx, 0, -1",
  })
  void switchTimeIsFromTheStartToTheFirstRequestOfTheAllGreenTail(String answers, long from, long expected) {
    assertThat(report(answers).switchNanos("g", from, Long.MAX_VALUE)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"bbbbgggg, 0, 40, 4, 0", "bbbbgggg, 20, 60, 2, 2", "bxbxgggg, 0, 80, 2, 4"})
  void countsByVersionInAWindow(String answers, long from, long to, long blue, long green) {
    var counts = report(answers).byVersion(from, to);
    assertThat(counts.getOrDefault("b", 0L)).isEqualTo(blue);
    assertThat(counts.getOrDefault("g", 0L)).isEqualTo(green);
  }
}
