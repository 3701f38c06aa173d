package io.drydock.scan.analyzer.os;

import static org.assertj.core.api.Assertions.assertThat;

import io.drydock.model.OsInfo;
import io.drydock.model.Package;
import io.drydock.model.PackageType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OsDetectionTest {

  /** Each row: files as {@code path=family/version;...}, expected family and version. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      etc/os-release=debian/12;etc/debian_version=debian/12.15                              | debian    | 12.15
      usr/lib/os-release=debian/12;etc/debian_version=debian/12.15                          | debian    | 12.15
      etc/os-release=alpine/3.20.3;etc/alpine-release=alpine/3.20.3                         | alpine    | 3.20.3
      etc/os-release=ubuntu/22.04;etc/debian_version=debian/bookworm/sid;etc/lsb-release=ubuntu/22.04 | ubuntu | 22.04
      etc/os-release=rhel/8.10;etc/redhat-release=rhel/8.10                                 | rhel      | 8.10
      etc/os-release=centos/7;etc/centos-release=centos/7.9.2009;etc/redhat-release=centos/7.9.2009 | centos | 7.9.2009
      etc/os-release=rocky/9.3;etc/redhat-release=rocky/9.3;etc/rocky-release=rocky/9.3     | rocky     | 9.3
      etc/os-release=debian/;etc/debian_version=debian/trixie/sid                           | debian    | trixie/sid
      etc/os-release=debian/12;etc/debian_version=debian/11.9                               | debian    | 12
      etc/os-release=ubuntu/22.04;usr/lib/os-release=debian/12                              | ubuntu    | 22.04
      etc/debian_version=debian/12.15                                                       | debian    | 12.15
      etc/redhat-release=rhel/8.10;etc/system-release=rhel/8.10                             | rhel      | 8.10
      etc/lsb-release=ubuntu/22.04;etc/debian_version=debian/bookworm/sid                   | ubuntu    | 22.04
      etc/centos-release=centos/6.10;etc/redhat-release=centos/6.10                         | centos    | 6.10
      etc/os-release=amzn/2;etc/system-release=amzn/2                                       | amzn      | 2
      etc/os-release=sles/15.3                                                              | sles      | 15.3
      """)
  void merge(String files, String family, String version) {
    Map<String, OsInfo> byPath = new LinkedHashMap<>();
    for (String f : files.split(";")) {
      String[] kv = f.split("=", 2);
      String[] fv = kv[1].split("/", 2);
      byPath.put(kv[0], new OsInfo(fv[0], fv[1], null));
    }
    OsInfo os = OsDetection.merge(byPath);
    assertThat(os).isNotNull();
    assertThat(os.family()).isEqualTo(family);
    assertThat(os.version()).isEqualTo(version);
  }

  @Test
  void mergeOfNothingIsNull() {
    assertThat(OsDetection.merge(Map.of())).isNull();
  }

  @Test
  void prettyNameComesFromOsRelease() {
    OsInfo os = OsDetection.merge(Map.of(
        "etc/debian_version", new OsInfo("debian", "12.15", null),
        "usr/lib/os-release", new OsInfo("debian", "12", "Debian GNU/Linux 12 (bookworm)")));
    assertThat(os).isEqualTo(new OsInfo("debian", "12.15", "Debian GNU/Linux 12 (bookworm)"));
  }

  @Test
  void finishCompletesOsPurlsAndLeavesOthersAlone() {
    Package deb = new Package(PackageType.DEB, "libc6", "2.36-9+deb12u14", "glibc", null, "amd64",
        "pkg:deb/debian/libc6@x", "var/lib/dpkg/status", null, List.of());
    Package jar = new Package(PackageType.MAVEN, "log4j-core", "2.14.1", null, null, null,
        "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1", "app/lib/log4j-core.jar", null, List.of());
    Package apk = new Package(PackageType.APK, "busybox-binsh", "1.36.1-r29", "busybox", null, "x86_64",
        "pkg:apk/alpine/busybox-binsh@1.36.1-r29", "lib/apk/db/installed", null, List.of("GPL-2.0-only"));

    List<Package> done = OsDetection.finish(List.of(deb, jar, apk), new OsInfo("debian", "12.15", null));

    assertThat(done).extracting(Package::purl).containsExactly(
        "pkg:deb/debian/libc6@2.36-9%2Bdeb12u14?arch=amd64&distro=debian-12&upstream=glibc",
        "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1",
        "pkg:apk/debian/busybox-binsh@1.36.1-r29?arch=x86_64&distro=12.15&upstream=busybox");
    assertThat(done.get(1)).isSameAs(jar);
    assertThat(OsDetection.finish(List.of(apk), new OsInfo("alpine", "3.20.3", null)).get(0).purl())
        .isEqualTo("pkg:apk/alpine/busybox-binsh@1.36.1-r29?arch=x86_64&distro=3.20.3&upstream=busybox");
  }
}
