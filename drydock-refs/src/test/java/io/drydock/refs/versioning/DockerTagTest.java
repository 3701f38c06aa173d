package io.drydock.refs.versioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The cases of Renovate's lib/modules/versioning/docker tests, plus the update lines drydock needs. */
class DockerTagTest {

  @ParameterizedTest
  @CsvSource({
      "1.2.3, true", "18.04, true", "10.1, true", "3, true", "foo, false", "0a1b2c3, false", "0a1b2c3d, false",
      "0a1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8c9d, false", "0a1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8c9d0, true",
      "0a1b2C3, true", "0z1b2c3, true", "0A1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8c9d, true", "123098140293, true",
      "latest, false", "v1.2, true", "20-bookworm-slim, true", "stable-alpine, false"})
  void isValid(String tag, boolean expected) {
    assertThat(DockerTag.isVersion(tag)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"1.2.3, 1, 2, 3", "18.04, 18, 4, -1", "10.1, 10, 1, -1", "3, 3, -1, -1"})
  void majorMinorPatch(String tag, long major, long minor, long patch) {
    List<Long> r = DockerTag.parse(tag).orElseThrow().release();
    assertThat(r.get(0)).isEqualTo(major);
    assertThat(r.size() > 1 ? r.get(1) : -1L).isEqualTo(minor);
    assertThat(r.size() > 2 ? r.get(2) : -1L).isEqualTo(patch);
  }

  @ParameterizedTest
  @CsvSource({"1.2.3, 1.2, false", "18.04, 18.1, true", "10.1, 10.1.2, true", "3, 2, true", "1.2.3, 1.2.3, false"})
  void isGreaterThan(String a, String b, boolean expected) {
    assertThat(tag(a).compareTo(tag(b)) > 0).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"1.2.3, 1.2.3, true", "18.04, 18.4, true", "10.0, 10.0.4, false", "3, 4.0, false", "1.2, 1.2.3, false"})
  void equals(String a, String b, boolean expected) {
    assertThat(tag(a).sameVersion(tag(b))).isEqualTo(expected);
  }

  @Test
  void sortsUnstableAndSuffixedAsRenovateDoes() {
    List<DockerTag> tags = new ArrayList<>();
    for (String s : List.of("3.7.0", "3.7-alpine", "3.7.0b1", "3.7.0b5", "3.8.0b1-alpine", "3.8.0-alpine", "3.8.2", "3.8.0")) {
      tags.add(tag(s));
    }
    tags.sort(null);
    assertThat(tags).extracting(DockerTag::text).containsExactly(
        "3.7.0b1", "3.7.0b5", "3.7.0", "3.7-alpine", "3.8.0b1-alpine", "3.8.0-alpine", "3.8.0", "3.8.2");
  }

  @ParameterizedTest
  @CsvSource({"1.1.1, 1.2.3", "1.2.3, 1.3.4", "0.9.5, 1.2.3", "1.2.3, 2.0.1"})
  void sortsLikeSemver(String lower, String higher) {
    assertThat(tag(lower)).isLessThan(tag(higher));
  }

  @ParameterizedTest
  @CsvSource({"3.7.0, true", "3.7.0b1, false", "3.7-alpine, true", "3.8.0-alpine, true", "3.8.0b1-alpine, false",
      "3.8.2, true", "3.8.3-SNAPSHOT, false", "3.8.3-1-SNAPSHOT, false"})
  void isStable(String t, boolean expected) {
    assertThat(tag(t).isStable()).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
      "3.7.0, 3.7.0, true", "3.7.0b1, 3.7.0, true", "3.7-alpine, 3.7.0, false", "3.8.0-alpine, 3.7.0, false",
      "3.8.0b1-alpine, 3.7.0, false", "3.8.2, 3.7.0, true", "3.7.0, 3.7.0-alpine, false", "3.7.0b1, 3.7.0-alpine, false",
      "3.7-alpine, 3.7.0-alpine, false", "3.8.0-alpine, 3.7.0-alpine, true", "3.8.0b1-alpine, 3.7.0-alpine, true",
      "3.8.2, 3.7.0-alpine, false"})
  void isCompatible(String version, String current, boolean expected) {
    assertThat(tag(version).isCompatible(tag(current))).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"3.7.0, 3.7.0", "3.7.0b1, 3.7.0b1", "3.7-alpine, 3.7", "3.8.0-alpine, 3.8.0", "3.8.0b1-alpine, 3.8.0b1"})
  void valueToVersionIsTheTextBeforeTheFirstHyphen(String value, String expected) {
    DockerTag t = tag(value);
    String version = String.join(".", t.release().stream().map(String::valueOf).toList()) + t.prerelease();
    assertThat(t.text().split("-")[0]).isEqualTo(expected);
    assertThat(version.length()).isLessThanOrEqualTo(expected.length());
  }

  private static DockerTag tag(String s) {
    return DockerTag.parse(s).orElseThrow();
  }
}
