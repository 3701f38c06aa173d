package io.drydock.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ImageFactsTest {

  static TreeMap<String, String> paths(String... pathAndCode) {
    TreeMap<String, String> map = new TreeMap<>();
    for (String p : pathAndCode) {
      String[] parts = p.split(" ");
      map.put(parts[1], parts[0]);
    }
    return map;
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("alpine", paths("d bin", "f bin/busybox", "l bin/sh", "f sbin/apk", "fu bin/bbsuid"),
            List.of("bin/sh", "bin/busybox"), List.of("apk"), List.of("bin/bbsuid"), List.of()),
        Arguments.of("debian merged usr", paths("l bin", "f usr/bin/bash", "l usr/bin/sh", "f usr/bin/dash",
            "f usr/bin/dpkg", "f usr/bin/apt-get", "fu usr/bin/passwd", "fg usr/bin/chage", "fug usr/bin/both"),
            List.of("usr/bin/sh", "usr/bin/bash", "usr/bin/dash"), List.of("apt", "dpkg"),
            List.of("usr/bin/both", "usr/bin/passwd"), List.of("usr/bin/both", "usr/bin/chage")),
        Arguments.of("ubi minimal", paths("f usr/bin/microdnf", "f usr/bin/rpm", "h bin/bash"),
            List.of("bin/bash"), List.of("rpm", "microdnf"), List.of(), List.of()),
        Arguments.of("distroless", paths("d etc", "f etc/passwd", "d bin/sh", "o usr/bin/dnf"),
            List.of(), List.of(), List.of(), List.of()),
        Arguments.of("fedora", paths("l usr/bin/dnf", "f usr/bin/dnf5", "f usr/bin/yum", "f usr/bin/zsh"),
            List.of("usr/bin/zsh"), List.of("dnf", "yum"), List.of(), List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void derivesFacts(String name, TreeMap<String, String> paths, List<String> shells, List<String> managers,
      List<String> setuid, List<String> setgid) {
    ImageFacts facts = ImageFacts.of(paths, 2, 10);
    assertThat(facts.shells()).as("shells").containsExactlyElementsOf(shells);
    assertThat(facts.packageManagers()).as("package managers").containsExactlyElementsOf(managers);
    assertThat(facts.setuidPaths()).as("setuid").containsExactlyElementsOf(setuid);
    assertThat(facts.setgidPaths()).as("setgid").containsExactlyElementsOf(setgid);
    assertThat(facts.layerCount()).isEqualTo(2);
    assertThat(facts.pathCount()).isEqualTo(paths.size());
  }
}
