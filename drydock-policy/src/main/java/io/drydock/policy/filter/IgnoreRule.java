package io.drydock.policy.filter;

import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One rule that suppresses findings: a line of {@code .trivyignore}, an entry of {@code .trivyignore.yaml} or a
 * drydock exception. A rule applies to a finding when {@code id} is the finding's id or one of its aliases and every
 * given restriction holds: a {@code paths} glob matches the package's location, a {@code purls} entry matches the
 * package URL, {@code packageName} is the package's or its source package's name.
 *
 * @param source where the rule is written ({@code .trivyignore:12})
 * @param kind {@code ignorefile} or {@code exception}
 * @param expires the rule stops suppressing on this date (from 00:00 UTC), as Trivy's {@code exp:} does; null = never
 */
public record IgnoreRule(
    String id,
    List<String> paths,
    List<String> purls,
    @Nullable String packageName,
    @Nullable String statement,
    @Nullable String owner,
    @Nullable LocalDate expires,
    String source,
    String kind) {

  public IgnoreRule {
    if (id.isBlank()) {
      throw new IllegalArgumentException("ignore rule without an id");
    }
    paths = List.copyOf(paths);
    purls = List.copyOf(purls);
  }

  /** True when the rule no longer suppresses on {@code today}. */
  public boolean isExpired(LocalDate today) {
    return expires != null && !today.isBefore(expires);
  }
}
