package io.drydock.policy.rules;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The service an image is checked for, when there is one.
 *
 * @param path the service file's path as given (matched by tier path globs)
 * @param tier the service file's own {@code tier:}, or null
 */
public record ServiceFacts(@Nullable String name, @Nullable String path, Map<String, String> labels, @Nullable String tier) {
  public ServiceFacts {
    labels = Map.copyOf(labels);
  }

  public static ServiceFacts none() {
    return new ServiceFacts(null, null, Map.of(), null);
  }
}
