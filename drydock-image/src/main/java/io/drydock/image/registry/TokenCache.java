package io.drydock.image.registry;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Bearer tokens by (realm, service, scopes) until they expire, on an injected clock. */
final class TokenCache {
  private final Clock clock;
  private final Map<String, Entry> tokens = new ConcurrentHashMap<>();

  record Entry(String token, Instant expiresAt) {}

  TokenCache(Clock clock) {
    this.clock = clock;
  }

  static String key(AuthChallenge.Bearer challenge, String scopes) {
    return challenge.realm() + "|" + (challenge.service() == null ? "" : challenge.service()) + "|" + scopes;
  }

  Optional<String> get(String key) {
    Entry e = tokens.get(key);
    if (e == null) {
      return Optional.empty();
    }
    if (!clock.instant().isBefore(e.expiresAt())) {
      tokens.remove(key, e);
      return Optional.empty();
    }
    return Optional.of(e.token());
  }

  void put(String key, String token, Instant expiresAt) {
    tokens.put(key, new Entry(token, expiresAt));
  }

  void invalidate(String key) {
    tokens.remove(key);
  }
}
