package io.drydock.policy.rules;

import io.drydock.model.Severity;
import io.drydock.policy.Glob;
import io.drydock.policy.Verdict;
import io.drydock.policy.approval.ApprovalRequirement;
import io.drydock.policy.cel.CelRule;
import io.drydock.policy.sla.SlaTable;
import io.drydock.policy.window.Schedule;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One rule of the policy file.
 *
 * @param tiers the tiers it applies to; empty = all
 * @param ignoreUnfixed the rule sees only findings with a fixed version ({@code --ignore-unfixed} per rule)
 * @param message replaces the rule's own message when it matches (CEL rules need one)
 */
public record Rule(String id, Verdict.Action action, Set<String> tiers, boolean ignoreUnfixed, @Nullable String message,
    Check check) {

  public Rule {
    if (id.isBlank()) {
      throw new IllegalArgumentException("a rule needs an id");
    }
    tiers = Set.copyOf(tiers);
  }

  /** What the rule checks. */
  public sealed interface Check {
    /** The word for it in the policy file and in reports. */
    String kind();
  }

  public record Sla(SlaTable table) implements Check {
    public String kind() {
      return "sla";
    }
  }

  public record Registries(List<Glob> allowed) implements Check {
    public String kind() {
      return "registries";
    }
  }

  public record DigestRequired() implements Check {
    public String kind() {
      return "digest";
    }
  }

  /** Tags that move ({@code latest}, {@code main} …): denied even when pinned, because the name lies. */
  public record MutableTags(List<Glob> tags) implements Check {
    public static final List<String> DEFAULT = List.of("latest", "main", "master", "edge", "nightly", "stable", "dev");

    public String kind() {
      return "mutableTags";
    }
  }

  /** Images whose {@code registry/repository} matches one of {@code registries} must verify under {@code trust}. */
  public record Signature(List<Glob> registries, SignatureCheck.Trust trust) implements Check {
    public String kind() {
      return "signature";
    }
  }

  public record NonRoot() implements Check {
    public String kind() {
      return "nonRoot";
    }
  }

  public record NoShell() implements Check {
    public static final Set<String> PACKAGES = Set.of("bash", "dash", "busybox", "busybox-binsh", "ash", "zsh", "ksh", "mksh", "tcsh");

    public String kind() {
      return "noShell";
    }
  }

  public record NoPackageManager() implements Check {
    public static final Set<String> PACKAGES = Set.of("apk-tools", "apt", "dpkg", "rpm", "dnf", "yum", "microdnf", "zypper", "tdnf");

    public String kind() {
      return "noPackageManager";
    }
  }

  public record MaxAge(Duration max) implements Check {
    public String kind() {
      return "maxAge";
    }
  }

  public record BaseImages(List<Glob> allowed) implements Check {
    public static final String LABEL = "org.opencontainers.image.base.name";

    public String kind() {
      return "baseImages";
    }
  }

  public record MaxFindings(Map<Severity, Integer> max) implements Check {
    public MaxFindings {
      max = Map.copyOf(max);
    }

    public String kind() {
      return "maxFindings";
    }
  }

  public record Custom(CelRule expression) implements Check {
    public String kind() {
      return "cel";
    }
  }

  public record Approvals(ApprovalRequirement requirement) implements Check {
    public String kind() {
      return "approval";
    }
  }

  public record Window(Schedule schedule) implements Check {
    public String kind() {
      return "window";
    }
  }
}
