package io.drydock.policy.rules;

import io.drydock.policy.Glob;
import java.util.List;
import java.util.Map;

/**
 * Criticality tiers. A service's tier is, first match wins: its service file's {@code tier:}, the label
 * {@value #LABEL} (service or image), the first {@link Match} whose globs and labels fit, the default.
 */
public record Tiers(List<String> names, String defaultTier, List<Match> matches) {

  public static final String LABEL = "io.drydock.tier";

  /** Assigns {@code tier} to services whose name or path matches a glob and that carry all these labels. */
  public record Match(String tier, List<Glob> services, List<Glob> paths, Map<String, String> labels) {
    public Match {
      services = List.copyOf(services);
      paths = List.copyOf(paths);
      labels = Map.copyOf(labels);
    }

    boolean fits(ServiceFacts s, Map<String, String> imageLabels) {
      boolean named = services.isEmpty() && paths.isEmpty()
          || s.name() != null && Glob.any(services, s.name())
          || s.path() != null && Glob.any(paths, s.path());
      boolean labelled = labels.entrySet().stream().allMatch(e -> e.getValue().equals(s.labels().get(e.getKey()))
          || e.getValue().equals(imageLabels.get(e.getKey())));
      return named && labelled;
    }
  }

  public Tiers {
    names = List.copyOf(names);
    matches = List.copyOf(matches);
    if (!names.contains(defaultTier)) {
      throw new IllegalArgumentException("default tier '" + defaultTier + "' is not one of " + names);
    }
    for (Match m : matches) {
      if (!names.contains(m.tier())) {
        throw new IllegalArgumentException("tier '" + m.tier() + "' is not one of " + names);
      }
    }
  }

  public static Tiers single() {
    return new Tiers(List.of("default"), "default", List.of());
  }

  /** The tier, and what decided it (for reports). */
  public record Resolved(String tier, String source) {}

  public Resolved resolve(ServiceFacts s, Map<String, String> imageLabels) {
    if (s.tier() != null) {
      return checked(s.tier(), "service file tier:");
    }
    String label = s.labels().getOrDefault(LABEL, imageLabels.get(LABEL));
    if (label != null) {
      return checked(label, "label " + LABEL);
    }
    for (Match m : matches) {
      if (m.fits(s, imageLabels)) {
        return new Resolved(m.tier(), "policy tiers.match");
      }
    }
    return new Resolved(defaultTier, "default");
  }

  private Resolved checked(String tier, String source) {
    if (!names.contains(tier)) {
      throw new IllegalArgumentException(source + " names tier '" + tier + "', which the policy does not define " + names);
    }
    return new Resolved(tier, source);
  }
}
