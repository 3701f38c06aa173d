package io.drydock.image.registry;

import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * A registry as found by pinging {@code /v2/}: the base URI with the scheme that worked, and the challenge it
 * answered with (null when it lets anonymous clients in).
 */
record Endpoint(URI base, @Nullable AuthChallenge challenge) {
  URI resolve(String pathAndQuery) {
    return base.resolve(pathAndQuery);
  }
}
