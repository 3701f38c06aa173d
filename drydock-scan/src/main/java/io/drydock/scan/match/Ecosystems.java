package io.drydock.scan.match;

import io.drydock.model.OsInfo;
import io.drydock.model.PackageType;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The OSV ecosystem string of a package, from its type and (for OS packages) the image's OS: {@code Debian:12},
 * {@code Ubuntu:22.04:LTS}, {@code Alpine:v3.20}, {@code Rocky Linux:9}, {@code Maven}, {@code npm}… Empty when
 * OSV has no ecosystem for it (or the OS version is unusable).
 */
public final class Ecosystems {
  private Ecosystems() {}

  public static Optional<String> of(PackageType type, @Nullable OsInfo os) {
    return Optional.ofNullable(
        switch (type) {
          case MAVEN -> "Maven";
          case NPM -> "npm";
          case PYPI -> "PyPI";
          case GOLANG -> "Go";
          case CARGO -> "crates.io";
          case GEM -> "RubyGems";
          case NUGET -> "NuGet";
          case COMPOSER -> "Packagist";
          case DEB, APK, RPM -> os == null ? null : osEcosystem(type, os);
        });
  }

  private static @Nullable String osEcosystem(PackageType type, OsInfo os) {
    String[] v = os.version().strip().split("\\.");
    String major = v[0].matches("[0-9]+") ? v[0] : null;
    String minor = v.length > 1 && v[1].matches("[0-9]+") ? v[1] : null;
    String family = os.family();
    if (type == PackageType.DEB) {
      if (family.equals("debian") && major != null) {
        return "Debian:" + major;
      }
      if (family.equals("ubuntu") && major != null && minor != null) {
        boolean lts = minor.equals("04") && Integer.parseInt(major) % 2 == 0;
        return "Ubuntu:" + major + "." + minor + (lts ? ":LTS" : "");
      }
      return null;
    }
    if (type == PackageType.APK) {
      return switch (family) {
        case "alpine" -> major != null && minor != null ? "Alpine:v" + major + "." + Integer.parseInt(minor) : null;
        case "wolfi" -> "Wolfi";
        case "chainguard" -> "Chainguard";
        default -> null;
      };
    }
    if (major == null) {
      return null;
    }
    return switch (family) {
      case "rhel", "centos" -> "Red Hat:enterprise_linux:" + major;
      case "rocky" -> "Rocky Linux:" + major;
      case "almalinux" -> "AlmaLinux:" + major;
      case "opensuse-leap" -> minor != null ? "openSUSE:Leap " + major + "." + minor : null;
      case "sles" -> "SUSE:Linux Enterprise Server " + major + (minor != null && !minor.equals("0") ? " SP" + minor : "");
      case "photon" -> "Photon OS:" + major + ".0";
      case "mariner" -> "Mariner:" + major + ".0";
      case "azurelinux" -> "Azure Linux:" + major + ".0";
      default -> null;
    };
  }
}
