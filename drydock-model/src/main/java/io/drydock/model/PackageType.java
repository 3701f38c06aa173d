package io.drydock.model;

/** Where a package comes from; decides its purl type and, with the OS, its vulnerability ecosystem. */
public enum PackageType {
  DEB("deb"),
  APK("apk"),
  RPM("rpm"),
  MAVEN("maven"),
  NPM("npm"),
  PYPI("pypi"),
  GOLANG("golang"),
  CARGO("cargo"),
  GEM("gem"),
  NUGET("nuget"),
  COMPOSER("composer");

  private final String purlType;

  PackageType(String purlType) {
    this.purlType = purlType;
  }

  public String purlType() {
    return purlType;
  }

  public boolean isOsPackage() {
    return this == DEB || this == APK || this == RPM;
  }
}
