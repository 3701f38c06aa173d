package io.drydock.image.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryPolicyTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
  private static final RetryPolicy POLICY = new RetryPolicy(3, Duration.ofMillis(200), Duration.ofMillis(300), Duration.ofSeconds(30));

  @ParameterizedTest(name = "attempt {0}, status {1}, Retry-After {2} -> {3}")
  @CsvSource(nullValues = "-", value = {
      "1, -1, -, 200",        // connect error: backoff
      "2, -1, -, 300",        // doubled, capped at maxDelay
      "3, -1, -, -",          // attempts exhausted
      "1, 503, -, 200",
      "1, 500, -, 200",
      "1, 429, 2, 2000",      // Retry-After seconds, longer than backoff
      "1, 429, 0, 200",       // never shorter than the backoff
      "1, 429, 31, -",        // asks for more than we wait: give up
      "1, 429, 'Sun, 22 Nov 2026 10:00:05 GMT', 5000",
      "1, 429, 'Sun, 22 Nov 2026 09:00:00 GMT', 200",
      "1, 503, soon, 200",    // malformed Retry-After: backoff
      "1, 501, -, -",
      "1, 404, -, -",
      "1, 401, -, -",
      "1, 200, -, -",
  })
  void decidesWhetherAndWhenToRetry(int attempt, int status, String retryAfter, Long expectedMillis) {
    Optional<Duration> delay = POLICY.delayAfter(attempt, status, retryAfter, CLOCK);
    assertThat(delay).isEqualTo(Optional.ofNullable(expectedMillis).map(Duration::ofMillis));
  }

  @ParameterizedTest
  @CsvSource(nullValues = "-", value = {
      "120, 120000",
      "' 7 ', 7000",
      "-1, -",
      "1.5, -",
      "'Sun, 22 Nov 2026 10:01:00 GMT', 60000",
      "yesterday, -",
  })
  void parsesRetryAfter(String value, Long millis) {
    assertThat(RetryPolicy.parseRetryAfter(value, CLOCK)).isEqualTo(Optional.ofNullable(millis).map(Duration::ofMillis));
  }
}
