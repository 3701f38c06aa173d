package io.drydock.scan.analyzer.ospkg;

import static org.assertj.core.api.Assertions.assertThat;

import io.drydock.model.OsInfo;
import io.drydock.model.PackageType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OsPurlsTest {

  @ParameterizedTest(name = "{0} {1} {2} on {6} {7}")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      DEB | libc6     | 2.36-9+deb12u4      | amd64  | glibc      | -                  | debian    | 12.15      | pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12&upstream=glibc
      DEB | libgcc1   | 1:8-20180414-1u2    | amd64  | gcc-8      | 8-20180414-1u2     | ubuntu    | 18.04      | pkg:deb/ubuntu/libgcc1@8-20180414-1u2?arch=amd64&distro=ubuntu-18.04&epoch=1&upstream=gcc-8%408-20180414-1u2
      DEB | bash      | 5.2.15-2+b7         | amd64  | -          | 5.2.15-2           | debian    | 12         | pkg:deb/debian/bash@5.2.15-2%2Bb7?arch=amd64&distro=debian-12&upstream=bash%405.2.15-2
      DEB | base      | 1                   | all    | -          | -                  | -         | -          | pkg:deb/debian/base@1?arch=all
      DEB | x         | 0:1.0               | -      | -          | -                  | debian    | trixie/sid | pkg:deb/debian/x@1.0?distro=debian-trixie%2Fsid
      APK | musl      | 1.2.5-r0            | x86_64 | -          | -                  | alpine    | 3.20.3     | pkg:apk/alpine/musl@1.2.5-r0?arch=x86_64&distro=3.20.3
      APK | libssl3   | 3.3.2-r0            | x86_64 | openssl    | -                  | alpine    | 3.20.3     | pkg:apk/alpine/libssl3@3.3.2-r0?arch=x86_64&distro=3.20.3&upstream=openssl
      APK | glibc     | 2.40-r1             | x86_64 | -          | -                  | wolfi     | 20230201   | pkg:apk/wolfi/glibc@2.40-r1?arch=x86_64&distro=20230201
      APK | musl      | 1.2.5-r0            | -      | -          | -                  | -         | -          | pkg:apk/alpine/musl@1.2.5-r0
      RPM | bash      | 4.4.20-4.el8        | x86_64 | -          | -                  | rhel      | 8.10       | pkg:rpm/redhat/bash@4.4.20-4.el8?arch=x86_64&distro=rhel-8.10
      RPM | openssl   | 1:1.1.1k-12.el8_9   | x86_64 | -          | 1:1.1.1k-12.el8_9  | rocky     | 8.9        | pkg:rpm/rocky/openssl@1.1.1k-12.el8_9?arch=x86_64&distro=rocky-8.9&epoch=1
      RPM | libuuid   | 2.32.1-42.el8_8     | x86_64 | util-linux | -                  | centos    | 8.5.2111   | pkg:rpm/centos/libuuid@2.32.1-42.el8_8?arch=x86_64&distro=centos-8.5.2111&upstream=util-linux
      RPM | glibc     | 2.31-9.3.2          | x86_64 | -          | -                  | sles      | 15.3       | pkg:rpm/suse/glibc@2.31-9.3.2?arch=x86_64&distro=sles-15.3
      RPM | glibc     | 2.38-1.1            | x86_64 | -          | -                  | opensuse-leap | 15.6   | pkg:rpm/opensuse/glibc@2.38-1.1?arch=x86_64&distro=opensuse-leap-15.6
      RPM | curl      | 7.76.0-6.cm2        | x86_64 | -          | -                  | mariner   | 2.0        | pkg:rpm/cbl-mariner/curl@7.76.0-6.cm2?arch=x86_64&distro=mariner-2.0
      RPM | gcc-c++   | 0:8.5.0-4.el8       | x86_64 | gcc        | 8.5.0-4.el8        | ol        | 8.9        | pkg:rpm/oracle/gcc-c%2B%2B@8.5.0-4.el8?arch=x86_64&distro=ol-8.9&upstream=gcc%408.5.0-4.el8
      RPM | curl      | 7.61.1-34.el8       | x86_64 | -          | -                  | -         | -          | pkg:rpm/curl@7.61.1-34.el8?arch=x86_64
      """)
  void purls(
      PackageType type, String name, String version, String arch, String srcName, String srcVersion,
      String family, String osVersion, String expected) {
    OsInfo os = family == null ? null : new OsInfo(family, osVersion, null);
    assertThat(OsPurls.of(type, name, version, arch, srcName, srcVersion, os)).isEqualTo(expected);
  }
}
