package io.drydock.scan.analyzer.os;

import static org.assertj.core.api.Assertions.assertThat;

import io.drydock.model.OsInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReleaseFilesTest {

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      etc/redhat-release    | Red Hat Enterprise Linux release 8.10 (Ootpa)               | rhel       | 8.10
      etc/redhat-release    | Red Hat Enterprise Linux Server release 7.9 (Maipo)         | rhel       | 7.9
      etc/centos-release    | CentOS Linux release 7.9.2009 (Core)                        | centos     | 7.9.2009
      etc/redhat-release    | CentOS Stream release 9                                     | centos     | 9
      etc/rocky-release     | Rocky Linux release 9.3 (Blue Onyx)                         | rocky      | 9.3
      etc/almalinux-release | AlmaLinux release 9.3 (Shamrock Pampas Cat)                 | almalinux  | 9.3
      etc/fedora-release    | Fedora release 39 (Thirty Nine)                             | fedora     | 39
      etc/oracle-release    | Oracle Linux Server release 8.9                             | ol         | 8.9
      etc/system-release    | Amazon Linux release 2 (Karoo)                              | amzn       | 2
      etc/system-release    | Amazon Linux release 2023.3.20240131 (Amazon Linux)         | amzn       | 2023.3.20240131
      etc/mariner-release   | CBL-Mariner 2.0.20230126                                    | mariner    | 2.0.20230126
      etc/alpine-release    | 3.20.3                                                      | alpine     | 3.20.3
      etc/debian_version    | 12.15                                                       | debian     | 12.15
      etc/debian_version    | trixie/sid                                                  | debian     | trixie/sid
      etc/redhat-release    | Some Unknown OS 1.0                                         | -          | -
      etc/alpine-release    | <html>                                                      | -          | -
      """)
  void releaseFiles(String path, String content, String family, String version) {
    OsInfo os = ReleaseFiles.parse(path, content + "\n");
    if (family == null) {
      assertThat(os).isNull();
    } else {
      assertThat(os).isNotNull();
      assertThat(os.family()).isEqualTo(family);
      assertThat(os.version()).isEqualTo(version);
    }
  }

  @Test
  void osReleaseQuotesAndEscapes() {
    OsInfo os = ReleaseFiles.parse("etc/os-release", """
        # comment
        NAME="Ubuntu"
        ID=Ubuntu
        VERSION_ID='22.04'
        PRETTY_NAME="Ubuntu \\"Jammy\\" 22.04.4 LTS"
        """);
    assertThat(os).isEqualTo(new OsInfo("ubuntu", "22.04", "Ubuntu \"Jammy\" 22.04.4 LTS"));
  }

  @Test
  void osReleaseWithoutIdSaysNothing() {
    assertThat(ReleaseFiles.parse("usr/lib/os-release", "NAME=x\nVERSION_ID=1\n")).isNull();
    assertThat(ReleaseFiles.parse("etc/os-release", "\u0000\u0001garbage")).isNull();
  }

  @Test
  void lsbRelease() {
    assertThat(ReleaseFiles.parse("etc/lsb-release", """
        DISTRIB_ID=Ubuntu
        DISTRIB_RELEASE=22.04
        DISTRIB_CODENAME=jammy
        DISTRIB_DESCRIPTION="Ubuntu 22.04.4 LTS"
        """)).isEqualTo(new OsInfo("ubuntu", "22.04", "Ubuntu 22.04.4 LTS"));
  }

  @Test
  void oldSuseRelease() {
    assertThat(ReleaseFiles.parse("etc/SuSE-release", """
        SUSE Linux Enterprise Server 11 (x86_64)
        VERSION = 11
        PATCHLEVEL = 4
        """)).isEqualTo(new OsInfo("sles", "11.4", "SUSE Linux Enterprise Server 11 (x86_64)"));
    assertThat(ReleaseFiles.parse("etc/SuSE-release", "openSUSE 13.2 (x86_64)\nVERSION = 13.2\nCODENAME = Harlequin\n"))
        .isEqualTo(new OsInfo("opensuse", "13.2", "openSUSE 13.2 (x86_64)"));
  }
}
