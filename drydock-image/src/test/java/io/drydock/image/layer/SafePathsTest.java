package io.drydock.image.layer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SafePathsTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(nullValues = "NULL", value = {
      "etc/os-release, etc/os-release",
      "./etc/os-release, etc/os-release",
      "/etc/os-release, etc/os-release",
      "//etc//./os-release, etc/os-release",
      "././usr/lib/, usr/lib",
      "a/b/../c, a/c",
      "a/b/.., a",
      "a/../b, b",
      "./, ''",
      "/, ''",
      "'', ''",
      "a/.., ''",
      "../etc/passwd, NULL",
      "/../etc/passwd, NULL",
      "a/../../etc/passwd, NULL",
      "..,NULL",
      "./.., NULL",
      "...,...",
      "..a/b, ..a/b",
      "a/..b, a/..b",
  })
  void normalises(String raw, String expected) {
    assertThat(SafePaths.normalise(raw)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
      "etc/os-release, etc, os-release",
      "motd, '', motd",
      "a/b/c, a/b, c",
  })
  void splits(String path, String parent, String base) {
    assertThat(SafePaths.parent(path)).isEqualTo(parent);
    assertThat(SafePaths.baseName(path)).isEqualTo(base);
    assertThat(SafePaths.join(parent, base)).isEqualTo(path);
  }
}
