package io.drydock.patch;

import io.drydock.model.ImageRef;
import java.util.Objects;
import java.util.Set;

/**
 * One way to make findings go away. A plan lists remedies cheapest first: a newer base image in the same line, then
 * in-place OS package upgrades, then language dependency bumps the user must make (reported, never applied).
 */
public sealed interface Remedy permits Remedy.BaseBump, Remedy.PackageUpgrade, Remedy.LanguageBump {

  /** The finding ids this remedy removes. */
  Set<String> fixes();

  /** Whether drydock applies this remedy itself ({@link LanguageBump} is reported only). */
  default boolean applicable() {
    return true;
  }

  /** A short human description: {@code alpine:3.20.3 -> alpine:3.20.6@sha256:…}. */
  String describe();

  /**
   * Rebuild on a newer base image of the same line.
   *
   * @param currentBase the base the image or Dockerfile uses now
   * @param newBase the chosen base, pinned by digest
   * @param fixes the targeted findings the new base does not have
   * @param introduced findings the new base has that the current one does not
   */
  record BaseBump(ImageRef currentBase, ImageRef newBase, Set<String> fixes, Set<String> introduced) implements Remedy {
    public BaseBump {
      Objects.requireNonNull(currentBase, "currentBase");
      if (newBase.digest() == null) {
        throw new IllegalArgumentException("new base " + newBase + " is not pinned by digest");
      }
      fixes = Set.copyOf(fixes);
      introduced = Set.copyOf(introduced);
    }

    @Override
    public String describe() {
      return currentBase.familiar() + " -> " + newBase.familiar();
    }
  }

  /**
   * Upgrade one OS package in place (apt-get, apk, dnf against the image's root filesystem).
   *
   * @param ecosystem the OSV ecosystem ({@code Alpine:v3.20}, {@code Debian:12})
   * @param pkg the installed (binary) package name
   * @param from the installed version
   * @param to the lowest version that fixes every finding of this package
   */
  record PackageUpgrade(String ecosystem, String pkg, String from, String to, Set<String> fixes) implements Remedy {
    public PackageUpgrade {
      requireText(ecosystem, "ecosystem");
      requireText(pkg, "pkg");
      Objects.requireNonNull(from, "from");
      requireText(to, "to");
      fixes = Set.copyOf(fixes);
    }

    @Override
    public String describe() {
      return pkg + " " + from + " -> " + to;
    }
  }

  /** A language dependency the user must bump in the build (reported only). */
  record LanguageBump(String ecosystem, String pkg, String from, String to, Set<String> fixes) implements Remedy {
    public LanguageBump {
      requireText(ecosystem, "ecosystem");
      requireText(pkg, "pkg");
      Objects.requireNonNull(from, "from");
      requireText(to, "to");
      fixes = Set.copyOf(fixes);
    }

    @Override
    public boolean applicable() {
      return false;
    }

    @Override
    public String describe() {
      return ecosystem + " " + pkg + " " + from + " -> " + to + " (bump it in the build)";
    }
  }

  private static void requireText(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " is blank");
    }
  }
}
