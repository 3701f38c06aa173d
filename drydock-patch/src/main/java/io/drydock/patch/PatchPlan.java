package io.drydock.patch;

import io.drydock.model.ImageRef;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The remedies for one image or Dockerfile, cheapest first.
 *
 * @param subject what was planned, as the user named it
 * @param source the image the plan replaces
 * @param remedies base bump first (at most one), then package upgrades, then language bumps
 * @param targeted the fixable findings the plan aimed at
 * @param fixed targeted findings that the applicable remedies remove
 * @param left targeted findings no applicable remedy removes (language bumps count here: drydock does not apply them)
 * @param introduced findings the plan adds (a newer base can bring its own)
 * @param newReference the new base reference, pinned by digest, when the plan bumps the base; else null
 */
public record PatchPlan(String subject, ImageRef source, List<Remedy> remedies, Set<String> targeted,
    Set<String> fixed, Set<String> left, Set<String> introduced, @Nullable ImageRef newReference) {
  public PatchPlan {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(source, "source");
    remedies = List.copyOf(remedies);
    targeted = Set.copyOf(targeted);
    fixed = Set.copyOf(fixed);
    left = Set.copyOf(left);
    introduced = Set.copyOf(introduced);
  }

  /** True when no applicable remedy is planned: applying it would be a no-op. */
  public boolean isNoop() {
    return remedies.stream().noneMatch(Remedy::applicable);
  }

  public Optional<Remedy.BaseBump> baseBump() {
    return remedies.stream().filter(Remedy.BaseBump.class::isInstance).map(Remedy.BaseBump.class::cast).findFirst();
  }

  public List<Remedy.PackageUpgrade> packageUpgrades() {
    return remedies.stream().filter(Remedy.PackageUpgrade.class::isInstance).map(Remedy.PackageUpgrade.class::cast)
        .toList();
  }

  public List<Remedy.LanguageBump> languageBumps() {
    return remedies.stream().filter(Remedy.LanguageBump.class::isInstance).map(Remedy.LanguageBump.class::cast)
        .toList();
  }
}
