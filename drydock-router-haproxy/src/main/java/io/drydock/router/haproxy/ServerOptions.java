package io.drydock.router.haproxy;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Health-check settings given to every server {@link HaproxyRouter#addServer added} at run time. HAProxy 2.6 does
 * not apply a backend's {@code default-server} line to dynamic servers (they would check every 2 s, rise 2,
 * fall 3), so the router repeats them on each {@code add server}.
 *
 * @param checkInterval {@code inter}
 * @param rise consecutive passed checks to become UP
 * @param fall consecutive failed checks to become DOWN
 * @param slowStart {@code slowstart}, null for none
 */
public record ServerOptions(Duration checkInterval, int rise, int fall, @Nullable Duration slowStart) {
  public ServerOptions {
    if (checkInterval.toMillis() < 1 || rise < 1 || fall < 1 || (slowStart != null && slowStart.toMillis() < 1)) {
      throw new IllegalArgumentException("check interval and slowstart must be at least 1 ms, rise and fall at least 1");
    }
  }

  /** {@code inter 500ms rise 2 fall 2}, no slowstart: what the test kit's {@code HaproxyConfig.of} writes for its backend. */
  public static ServerOptions defaults() {
    return new ServerOptions(Duration.ofMillis(500), 2, 2, null);
  }

  /** The keywords for {@code add server} / {@code default-server}. */
  String keywords() {
    return "inter " + checkInterval.toMillis() + "ms fall " + fall + " rise " + rise
        + (slowStart == null ? "" : " slowstart " + slowStart.toMillis() + "ms");
  }
}
