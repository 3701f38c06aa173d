package io.drydock.scan.match;

import java.util.Locale;
import java.util.regex.Pattern;

/** How each ecosystem compares package names: PyPI names per PEP 503, every other name exactly. */
public final class PackageNames {
  private static final Pattern PEP503_SEPARATORS = Pattern.compile("[-_.]+");

  private PackageNames() {}

  /** The form under which {@code name} is stored and looked up in {@code ecosystem}. */
  public static String normalize(String ecosystem, String name) {
    if (ecosystem.equals("PyPI")) {
      return PEP503_SEPARATORS.matcher(name.strip().toLowerCase(Locale.ROOT)).replaceAll("-");
    }
    return name.strip();
  }
}
