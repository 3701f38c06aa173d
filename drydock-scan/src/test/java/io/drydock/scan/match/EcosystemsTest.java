package io.drydock.scan.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.drydock.model.OsInfo;
import io.drydock.model.PackageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EcosystemsTest {

  @ParameterizedTest(name = "{0} {1} {2} -> {3}")
  @CsvSource(
      nullValues = "-",
      value = {
        "DEB, debian, 12.15, Debian:12",
        "DEB, debian, 12, Debian:12",
        "DEB, debian, bookworm/sid, -",
        "DEB, ubuntu, 22.04, Ubuntu:22.04:LTS",
        "DEB, ubuntu, 24.04, Ubuntu:24.04:LTS",
        "DEB, ubuntu, 23.04, Ubuntu:23.04",
        "DEB, ubuntu, 23.10, Ubuntu:23.10",
        "APK, alpine, 3.20.3, Alpine:v3.20",
        "APK, alpine, 3.9.4, Alpine:v3.9",
        "APK, alpine, 3.21.0_alpha20240807, Alpine:v3.21",
        "APK, alpine, edge, -",
        "APK, wolfi, 20230201, Wolfi",
        "RPM, rhel, 9.3, Red Hat:enterprise_linux:9",
        "RPM, centos, 7.9.2009, Red Hat:enterprise_linux:7",
        "RPM, rocky, 9.3, Rocky Linux:9",
        "RPM, almalinux, 8.10, AlmaLinux:8",
        "RPM, opensuse-leap, 15.5, openSUSE:Leap 15.5",
        "RPM, sles, 15.5, SUSE:Linux Enterprise Server 15 SP5",
        "RPM, amzn, 2023, -",
        "DEB, alpine, 3.20.3, -",
      })
  void osPackages(PackageType type, String family, String version, String expected) {
    assertThat(Ecosystems.of(type, new OsInfo(family, version, null)).orElse(null)).isEqualTo(expected);
  }

  @Test
  void languagePackagesNeedNoOs() {
    assertThat(Ecosystems.of(PackageType.MAVEN, null)).contains("Maven");
    assertThat(Ecosystems.of(PackageType.NPM, null)).contains("npm");
    assertThat(Ecosystems.of(PackageType.PYPI, null)).contains("PyPI");
    assertThat(Ecosystems.of(PackageType.GOLANG, null)).contains("Go");
    assertThat(Ecosystems.of(PackageType.DEB, null)).isEmpty();
  }
}
