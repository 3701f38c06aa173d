package io.drydock.patch;

import io.drydock.model.Finding;
import io.drydock.scan.version.VersionScheme;
import io.drydock.scan.version.VersionSchemes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Chooses the cheapest remedy for each fixable finding (pure: data in, data out).
 *
 * <ol>
 *   <li><b>Base bump</b> (when rebuilding is allowed and the current base is known): the scanned candidate that removes
 *       the most targeted findings, then introduces the fewest, then comes first in {@code outdated}'s ranking; it is
 *       taken only when it removes more findings than it introduces. Only findings the current base has (when
 *       {@link PlanOptions#baseFindings()} is known) can be removed by a new base.
 *   <li><b>Package upgrade</b> (when in-place patching is allowed): for each OS package with targeted findings left,
 *       the lowest version that fixes all of them.
 *   <li><b>Language bump</b>: the same for language packages, reported only.
 * </ol>
 */
public final class PatchPlanner {
  private PatchPlanner() {}

  public static PatchPlan plan(List<Finding> findings, List<BaseCandidate> candidates, PlanOptions options) {
    List<Finding> targeted = findings.stream().filter(f -> isTargeted(f, options)).toList();
    Set<String> targetedIds = ids(targeted);
    Set<String> allIds = ids(findings);
    List<Remedy> remedies = new ArrayList<>();
    Set<String> introduced = new TreeSet<>();

    Optional<Remedy.BaseBump> bump = options.rebuild() && options.currentBase() != null
        ? chooseBase(targetedIds, allIds, candidates, options)
        : Optional.empty();
    Set<String> remaining = new LinkedHashSet<>(targetedIds);
    bump.ifPresent(b -> {
      remedies.add(b);
      remaining.removeAll(b.fixes());
      introduced.addAll(b.introduced());
    });

    Map<List<String>, List<Finding>> byPackage = new LinkedHashMap<>();
    for (Finding f : targeted) {
      if (remaining.contains(f.id())) {
        byPackage.computeIfAbsent(List.of(f.pkg().type().name(), f.ecosystem(), f.pkg().name()), k -> new ArrayList<>())
            .add(f);
      }
    }
    List<Remedy> upgrades = new ArrayList<>();
    List<Remedy> language = new ArrayList<>();
    byPackage.values().forEach(group -> {
      Finding first = group.get(0);
      String to = fixVersion(group);
      Set<String> fixes = ids(group);
      if (first.pkg().type().isOsPackage()) {
        if (options.inPlace()) {
          upgrades.add(new Remedy.PackageUpgrade(first.ecosystem(), first.pkg().name(), first.pkg().version(), to, fixes));
        }
      } else {
        language.add(new Remedy.LanguageBump(first.ecosystem(), first.pkg().name(), first.pkg().version(), to, fixes));
      }
    });
    remedies.addAll(upgrades);
    remedies.addAll(language);

    Set<String> fixed = new TreeSet<>();
    remedies.stream().filter(Remedy::applicable).forEach(r -> fixed.addAll(r.fixes()));
    Set<String> left = new TreeSet<>(targetedIds);
    left.removeAll(fixed);
    return new PatchPlan(options.subject(), options.source(), remedies, targetedIds, fixed, left, introduced,
        bump.map(Remedy.BaseBump::newBase).orElse(null));
  }

  private static boolean isTargeted(Finding f, PlanOptions options) {
    if (!f.isFixable() || f.severity().compareTo(options.minSeverity()) < 0) {
      return false;
    }
    return options.only().isEmpty() || options.only().contains(f.id())
        || f.aliases().stream().anyMatch(options.only()::contains);
  }

  private static Optional<Remedy.BaseBump> chooseBase(Set<String> targeted, Set<String> all,
      List<BaseCandidate> candidates, PlanOptions options) {
    Remedy.BaseBump best = null;
    for (BaseCandidate c : candidates) {
      if (c.vulnerabilities().isEmpty()) {
        continue;
      }
      Set<String> has = c.vulnerabilities().get();
      Set<String> fixes = new TreeSet<>(targeted);
      fixes.removeAll(has);
      options.baseFindings().ifPresent(fixes::retainAll);
      Set<String> intro = new TreeSet<>(has);
      intro.removeAll(all);
      if (fixes.size() <= intro.size()) {
        continue;
      }
      if (best == null || fixes.size() > best.fixes().size()
          || (fixes.size() == best.fixes().size() && intro.size() < best.introduced().size())) {
        best = new Remedy.BaseBump(options.currentBase(), c.ref(), fixes, intro);
      }
    }
    return Optional.ofNullable(best);
  }

  /** The lowest version that fixes every finding of one package: the highest of each finding's first fix above it. */
  static String fixVersion(List<Finding> group) {
    Finding first = group.get(0);
    VersionScheme scheme = VersionSchemes.forEcosystem(first.ecosystem()).orElse(null);
    String installed = first.pkg().version();
    Comparator<String> order = scheme == null ? Comparator.naturalOrder() : scheme::compare;
    String highest = null;
    for (Finding f : group) {
      String fix = f.fixedVersions().stream()
          .filter(v -> scheme == null || scheme.compare(v, installed) > 0)
          .min(order)
          .orElse(f.fixedVersions().get(f.fixedVersions().size() - 1));
      if (highest == null || order.compare(fix, highest) > 0) {
        highest = fix;
      }
    }
    return highest;
  }

  private static Set<String> ids(List<Finding> findings) {
    Set<String> out = new HashSet<>();
    findings.forEach(f -> out.add(f.id()));
    return out;
  }
}
