package io.drydock.scan.analyzer.rust;

import io.drydock.model.Package;
import io.drydock.model.PackageType;
import io.drydock.model.PackageUrl;
import java.util.List;
import java.util.regex.Pattern;

/** A crates.io crate as a package: {@code pkg:cargo/NAME@VERSION}. */
final class Crates {
  /** crates.io names: ASCII letters, digits, {@code -} and {@code _}, starting with a letter (64 at most). */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
  private static final Pattern VERSION = Pattern.compile("[0-9]+\\.[0-9]+\\.[0-9]+(?:[-+][0-9A-Za-z.+-]*)?");

  private Crates() {}

  static boolean valid(String name, String version) {
    return NAME.matcher(name).matches() && VERSION.matcher(version).matches();
  }

  static Package crate(String name, String version, String location) {
    String purl = PackageUrl.of(PackageType.CARGO.purlType(), null, name, version).toString();
    return new Package(PackageType.CARGO, name, version, null, null, null, purl, location, null, List.of());
  }
}
