package io.drydock.scan.analyzer.ospkg;

import io.drydock.model.OsInfo;
import io.drydock.model.PackageType;
import io.drydock.model.PackageUrl;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Package URLs of OS packages (deb, apk, rpm), as Trivy and Syft write them:
 *
 * <ul>
 *   <li>{@code pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12}; namespace {@code ubuntu} on
 *       Ubuntu; a dpkg epoch goes to the {@code epoch} qualifier, not the version;
 *   <li>{@code pkg:apk/alpine/musl@1.2.5-r0?arch=x86_64&distro=3.20.3};
 *   <li>{@code pkg:rpm/redhat/bash@4.4.20-4.el8?arch=x86_64&distro=rhel-8.10&epoch=1}; the namespace is the vendor
 *       named after the OS ({@code redhat centos rocky almalinux fedora oracle amazon suse opensuse cbl-mariner
 *       azurelinux photon}), none when the OS is unknown;
 *   <li>{@code upstream=SRC} or {@code upstream=SRC@SRCVERSION} when the source package differs (Syft style).
 * </ul>
 */
public final class OsPurls {
  private OsPurls() {}

  private static final Pattern EPOCH = Pattern.compile("^(\\d+):(.+)$");

  private static final Map<String, String> RPM_VENDOR = Map.ofEntries(
      Map.entry("rhel", "redhat"),
      Map.entry("redhat", "redhat"),
      Map.entry("centos", "centos"),
      Map.entry("rocky", "rocky"),
      Map.entry("almalinux", "almalinux"),
      Map.entry("fedora", "fedora"),
      Map.entry("ol", "oracle"),
      Map.entry("amzn", "amazon"),
      Map.entry("sles", "suse"),
      Map.entry("sled", "suse"),
      Map.entry("sle-micro", "suse"),
      Map.entry("sl-micro", "suse"),
      Map.entry("mariner", "cbl-mariner"),
      Map.entry("azurelinux", "azurelinux"),
      Map.entry("photon", "photon"));

  /** The purl of an OS package; {@code type} must be DEB, APK or RPM. */
  public static String of(
      PackageType type,
      String name,
      String version,
      @Nullable String arch,
      @Nullable String sourceName,
      @Nullable String sourceVersion,
      @Nullable OsInfo os) {
    if (!type.isOsPackage()) {
      throw new IllegalArgumentException("not an OS package type: " + type);
    }
    String epoch = null;
    String plainVersion = version;
    Matcher m = EPOCH.matcher(version);
    if (type != PackageType.APK && m.matches()) {
      epoch = m.group(1);
      plainVersion = m.group(2);
    }
    String family = os == null ? null : os.family().toLowerCase(Locale.ROOT);
    String osVersion = os == null ? "" : os.version();
    String namespace;
    String distro;
    switch (type) {
      case DEB -> {
        namespace = family == null ? "debian" : family;
        distro = family == null ? null : family + (osVersion.isBlank() ? "" : "-" + debDistroVersion(family, osVersion));
      }
      case APK -> {
        namespace = family == null ? "alpine" : family;
        distro = osVersion.isBlank() ? null : osVersion;
      }
      default -> {
        namespace = family == null ? null : rpmVendor(family);
        distro = family == null ? null : family + (osVersion.isBlank() ? "" : "-" + osVersion);
      }
    }
    PackageUrl purl = PackageUrl.of(type.purlType(), namespace, name, plainVersion)
        .withQualifier("arch", arch)
        .withQualifier("distro", distro)
        .withQualifier("epoch", epoch == null || "0".equals(epoch) ? null : epoch)
        .withQualifier("upstream", upstream(name, version, sourceName, sourceVersion));
    return purl.toString();
  }

  static String rpmVendor(String family) {
    String v = RPM_VENDOR.get(family);
    if (v != null) {
      return v;
    }
    return family.startsWith("opensuse") ? "opensuse" : family;
  }

  /** Debian's distro qualifier is the major release ({@code debian-12}); others keep what they have. */
  private static String debDistroVersion(String family, String osVersion) {
    if ("debian".equals(family)) {
      int dot = osVersion.indexOf('.');
      return dot > 0 ? osVersion.substring(0, dot) : osVersion;
    }
    return osVersion;
  }

  private static @Nullable String upstream(
      String name, String version, @Nullable String sourceName, @Nullable String sourceVersion) {
    boolean nameDiffers = sourceName != null && !sourceName.equals(name);
    boolean versionDiffers = sourceVersion != null && !sourceVersion.equals(version);
    if (!nameDiffers && !versionDiffers) {
      return null;
    }
    String src = sourceName != null ? sourceName : name;
    return versionDiffers ? src + "@" + sourceVersion : src;
  }
}
