package io.drydock.policy.rules;

import io.drydock.policy.exception.ExceptionSet;
import java.util.List;
import java.util.Set;

/**
 * A compiled policy: tiers, rules in file order, exceptions and what overrides may do.
 *
 * @param source where it was read from, for messages
 */
public record RuleSet(String source, Tiers tiers, List<Rule> rules, ExceptionSet exceptions, Overrides overrides) {

  public RuleSet {
    rules = List.copyOf(rules);
  }

  /**
   * Whether {@code --override REASON} may turn denials into warnings.
   *
   * @param tiers tiers where overrides are allowed; empty = all
   * @param rules rules that can never be overridden (by id)
   */
  public record Overrides(boolean allowed, Set<String> tiers, Set<String> rules) {
    public Overrides {
      tiers = Set.copyOf(tiers);
      rules = Set.copyOf(rules);
    }

    public static Overrides forbidden() {
      return new Overrides(false, Set.of(), Set.of());
    }
  }
}
