package io.drydock.model;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** An OCI platform: {@code linux/amd64}, {@code linux/arm64/v8}. */
public record Platform(String os, String architecture, @Nullable String variant) {
  public Platform {
    if (os.isBlank() || architecture.isBlank()) {
      throw new IllegalArgumentException("platform needs an os and an architecture");
    }
    if (variant != null && variant.isBlank()) {
      variant = null;
    }
  }

  /** Parses {@code os/arch[/variant]}. */
  public static Platform parse(String text) {
    String[] parts = text.trim().toLowerCase(Locale.ROOT).split("/");
    if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
      throw new IllegalArgumentException("malformed platform '" + text + "': expected os/arch[/variant], e.g. linux/amd64");
    }
    return new Platform(parts[0], parts[1], parts.length == 3 ? parts[2] : null);
  }

  /** The platform of the machine drydock runs on, in OCI spelling. */
  public static Platform host() {
    String arch = System.getProperty("os.arch", "amd64").toLowerCase(Locale.ROOT);
    String ociArch = switch (arch) {
      case "x86_64", "amd64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      case "ppc64le" -> "ppc64le";
      case "s390x" -> "s390x";
      case "riscv64" -> "riscv64";
      case "x86", "i386", "i686" -> "386";
      default -> arch.startsWith("arm") ? "arm" : arch;
    };
    return new Platform("linux", ociArch, ociArch.equals("arm64") ? "v8" : null);
  }

  /**
   * True when an image built for {@code candidate} runs here: os and architecture equal, and the variant
   * equal when both name one ({@code arm64} without a variant means v8).
   */
  public boolean accepts(Platform candidate) {
    if (!os.equals(candidate.os) || !architecture.equals(candidate.architecture)) {
      return false;
    }
    return variant == null || candidate.variant == null || variant.equals(candidate.variant);
  }

  @Override
  public String toString() {
    return os + "/" + architecture + (variant == null ? "" : "/" + variant);
  }
}
