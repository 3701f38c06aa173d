package io.drydock.policy.exception;

import io.drydock.model.Finding;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The policy's exceptions, applied to one image's findings on one day. */
public record ExceptionSet(List<PolicyExceptionRule> rules, int maxDays) {

  public ExceptionSet {
    rules = List.copyOf(rules);
    if (maxDays < 1) {
      throw new IllegalArgumentException("exceptions.maxDays must be 1 or more");
    }
  }

  public static ExceptionSet none() {
    return new ExceptionSet(List.of(), 90);
  }

  /** A finding an exception removed. */
  public record Suppression(Finding finding, PolicyExceptionRule rule) {}

  /**
   * @param kept findings no live exception suppresses
   * @param expired expired exceptions that would have covered one of the findings: they no longer suppress
   */
  public record Applied(List<Finding> kept, List<Suppression> suppressed, List<PolicyExceptionRule> expired) {}

  public Applied apply(List<Finding> findings, String image, @Nullable String service, LocalDate today) {
    List<Finding> kept = new ArrayList<>();
    List<Suppression> suppressed = new ArrayList<>();
    Set<PolicyExceptionRule> expired = new LinkedHashSet<>();
    for (Finding f : findings) {
      PolicyExceptionRule hit = null;
      for (PolicyExceptionRule r : rules) {
        if (!r.covers(f, image, service)) {
          continue;
        }
        if (r.expiredOn(today)) {
          expired.add(r);
        } else if (r.status().suppresses() && hit == null) {
          hit = r;
        }
      }
      if (hit != null) {
        suppressed.add(new Suppression(f, hit));
      } else {
        kept.add(f);
      }
    }
    return new Applied(kept, suppressed, List.copyOf(expired));
  }

  /** Every exception past its expiry on {@code today}. */
  public List<PolicyExceptionRule> expiredOn(LocalDate today) {
    return rules.stream().filter(r -> r.expiredOn(today)).toList();
  }
}
