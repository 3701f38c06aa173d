package io.drydock.image.registry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * When to try a request again. Pure: it decides from the attempt number, the status or the failure, and the
 * {@code Retry-After} header; the transport does the waiting.
 *
 * @param maxAttempts total attempts, at least 1
 * @param baseDelay delay before the second attempt; doubled for each further one
 * @param maxDelay cap on the computed backoff
 * @param maxRetryAfter the longest {@code Retry-After} honoured; a registry asking for more is not retried
 */
record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration maxRetryAfter) {
  static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(30));

  RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    if (baseDelay.isNegative() || maxDelay.isNegative() || maxRetryAfter.isNegative()) {
      throw new IllegalArgumentException("delays must not be negative");
    }
  }

  /** Statuses worth another try: 429 and 5xx except 501 (not implemented) and 505 (version). */
  static boolean retryableStatus(int status) {
    return status == 429 || (status >= 500 && status <= 599 && status != 501 && status != 505);
  }

  /**
   * The wait before attempt {@code attempt + 1} after attempt {@code attempt} (1-based) answered
   * {@code status} (or failed to connect, {@code status} = -1); empty = give up.
   */
  Optional<Duration> delayAfter(int attempt, int status, @Nullable String retryAfter, Clock clock) {
    if (attempt >= maxAttempts) {
      return Optional.empty();
    }
    if (status != -1 && !retryableStatus(status)) {
      return Optional.empty();
    }
    Duration backoff = backoff(attempt);
    if (retryAfter != null) {
      Optional<Duration> asked = parseRetryAfter(retryAfter, clock);
      if (asked.isPresent()) {
        if (asked.get().compareTo(maxRetryAfter) > 0) {
          return Optional.empty();
        }
        return Optional.of(asked.get().compareTo(backoff) > 0 ? asked.get() : backoff);
      }
    }
    return Optional.of(backoff);
  }

  Duration backoff(int attempt) {
    long factor = 1L << Math.min(attempt - 1, 20);
    Duration d = baseDelay.multipliedBy(factor);
    return d.compareTo(maxDelay) > 0 ? maxDelay : d;
  }

  /** {@code Retry-After} as delta-seconds or an HTTP date; empty when malformed. Past dates mean zero. */
  static Optional<Duration> parseRetryAfter(String value, Clock clock) {
    String v = value.trim();
    if (v.matches("\\d{1,9}")) {
      return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
    }
    try {
      Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration d = Duration.between(clock.instant(), at);
      return Optional.of(d.isNegative() ? Duration.ZERO : d);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
