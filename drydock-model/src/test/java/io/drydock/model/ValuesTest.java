package io.drydock.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ValuesTest {

  @Test
  void digestOfContentMatchesTheWellKnownSha256() {
    Digest d = Digest.sha256("abc".getBytes(StandardCharsets.UTF_8));
    assertThat(d).hasToString("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(Digest.parse(d.toString())).isEqualTo(d);
    assertThat(d.shortHex()).isEqualTo("ba7816bf8f01");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sha256", "sha256:", "sha256:ABC", "md5:d41d8cd98f00b204e9800998ecf8427e",
      "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015a", "sha512:00"})
  void malformedDigestsAreRefused(String text) {
    assertThatThrownBy(() -> Digest.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @CsvSource(nullValues = "-", value = {
    "linux/amd64, linux/amd64, true",
    "linux/arm64, linux/arm64/v8, true",
    "linux/arm64/v8, linux/arm64, true",
    "linux/arm/v7, linux/arm/v6, false",
    "linux/amd64, linux/arm64, false",
    "linux/amd64, windows/amd64, false",
  })
  void platformAcceptance(String wanted, String candidate, boolean accepted) {
    assertThat(Platform.parse(wanted).accepts(Platform.parse(candidate))).isEqualTo(accepted);
  }

  @ParameterizedTest
  @ValueSource(strings = {"linux", "linux/", "/amd64", "a/b/c/d"})
  void malformedPlatformsAreRefused(String text) {
    assertThatThrownBy(() -> Platform.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("os/arch");
  }

  @ParameterizedTest
  @CsvSource({"critical, CRITICAL", "Important, HIGH", "moderate, MEDIUM", "negligible, LOW", "unimportant, LOW", "'', UNKNOWN",
      "none, UNKNOWN"})
  void severityNamesAsDistributionsWriteThem(String text, Severity expected) {
    assertThat(Severity.parse(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"10.0, CRITICAL", "9.0, CRITICAL", "8.9, HIGH", "7.0, HIGH", "6.9, MEDIUM", "4.0, MEDIUM", "3.9, LOW", "0.1, LOW",
      "0.0, UNKNOWN"})
  void cvssScoreBands(double score, Severity expected) {
    assertThat(Severity.ofCvssScore(score)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(nullValues = "-", value = {"-, true", "'', true", "root, true", "0, true", "0:0, true", "root:wheel, true",
      "app, false", "1000:1000, false", "nobody, false"})
  void runsAsRootFollowsTheConfigUser(String user, boolean root) {
    ImageConfig c = new ImageConfig(user, List.of(), List.of(), List.of(), List.of(), null, Map.of(), null, null, List.of());
    assertThat(c.runsAsRoot()).isEqualTo(root);
  }

  @Test
  void packageFallsBackToItsOwnNameAndVersionForTheSource() {
    Package p = new Package(PackageType.APK, "busybox-binsh", "1.36.1-r29", "busybox", null, "x86_64",
        "pkg:apk/alpine/busybox-binsh@1.36.1-r29", "lib/apk/db/installed", null, List.of());
    assertThat(p.sourceNameOrName()).isEqualTo("busybox");
    assertThat(p.sourceVersionOrVersion()).isEqualTo("1.36.1-r29");
    assertThatThrownBy(() -> new Package(PackageType.APK, " ", "1", null, null, null, "p", "l", null, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
