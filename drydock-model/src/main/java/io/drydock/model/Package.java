package io.drydock.model;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One installed package.
 *
 * @param version the full version as its ecosystem compares it: dpkg {@code [epoch:]upstream[-revision]},
 *     rpm {@code [epoch:]version-release}, apk {@code 1.2.3-r0}, Maven, npm, PEP 440 or Go versions as written
 * @param sourceName for OS packages, the source package (Debian {@code Source:}, Alpine origin, rpm source rpm
 *     name); null when it equals the name or is unknown
 * @param sourceVersion the source package's version when it differs from {@code version}; else null
 * @param location the file the package was read from, relative to the image root ({@code var/lib/dpkg/status},
 *     {@code app/lib/x.jar}, {@code app/lib/x.jar!/BOOT-INF/lib/y.jar} for nested archives)
 * @param layer the diffID of the layer that introduced the package, or null before layers are applied
 */
public record Package(
    PackageType type,
    String name,
    String version,
    @Nullable String sourceName,
    @Nullable String sourceVersion,
    @Nullable String arch,
    String purl,
    String location,
    @Nullable Digest layer,
    List<String> licenses) {

  public Package {
    Objects.requireNonNull(type, "type");
    if (name.isBlank()) {
      throw new IllegalArgumentException("package name is blank");
    }
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(purl, "purl");
    Objects.requireNonNull(location, "location");
    licenses = List.copyOf(licenses);
  }

  /** Name of the source package, falling back to the package name. */
  public String sourceNameOrName() {
    return sourceName != null ? sourceName : name;
  }

  /** Version of the source package, falling back to the package version. */
  public String sourceVersionOrVersion() {
    return sourceVersion != null ? sourceVersion : version;
  }

  public Package withLayer(@Nullable Digest newLayer) {
    return new Package(type, name, version, sourceName, sourceVersion, arch, purl, location, newLayer, licenses);
  }

  public Package withPurl(String newPurl) {
    return new Package(type, name, version, sourceName, sourceVersion, arch, newPurl, location, layer, licenses);
  }
}
