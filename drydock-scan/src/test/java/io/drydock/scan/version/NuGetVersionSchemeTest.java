package io.drydock.scan.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * NuGet's rules as Microsoft documents them ("Package versioning", learn.microsoft.com/nuget/concepts/package-versioning:
 * pre-release ordering, normalisation, SemVer 2.0 labels). No NuGet.Versioning oracle is installable here (Debian 12
 * ships only the NuGet 2.8 client on Mono, whose ordering predates SemVer 2.0 labels), so these are table tests.
 */
class NuGetVersionSchemeTest {
  private final VersionScheme nuget = VersionSchemes.nuget();

  @Test
  void documentedPrereleaseOrder() {
    // The documentation's list, highest first: labels compare ordinally, so alpha10 sorts before alpha2.
    List<String> descending = List.of("1.0.1", "1.0.1-zzz", "1.0.1-rc", "1.0.1-open", "1.0.1-beta", "1.0.1-alpha2",
        "1.0.1-alpha10", "1.0.1-aaa");
    for (int i = 0; i + 1 < descending.size(); i++) {
      assertThat(nuget.compare(descending.get(i), descending.get(i + 1))).as(descending.get(i) + " > " + descending.get(i + 1))
          .isPositive();
      assertThat(nuget.compare(descending.get(i + 1), descending.get(i))).isNegative();
    }
  }

  @ParameterizedTest
  @CsvSource({
      "1.0, 1.0.0.0, 0", "1.01.1, 1.1.1, 0", "1.0.0-Beta, 1.0.0-beta, 0", "1.0.0+git.abc, 1.0.0+other, 0",
      "1.0.0.1, 1.0.0, 1", "1.0.0.1-alpha, 1.0.0, 1", "1.0.0-alpha.10, 1.0.0-alpha.2, 1", "1.0.0-alpha.1, 1.0.0-alpha, 1",
      "1.0.0-alpha.beta, 1.0.0-alpha.1, 1", "1.0.0-rc.1, 1.0.0-beta.11, 1", "2.0.0, 11.0.0, -1", "12.0.3, 13.0.1, -1",
      "3.5.1.30, 3.5.1.4, 1"})
  void documentedRules(String a, String b, int expected) {
    assertThat(Integer.signum(nuget.compare(a, b))).isEqualTo(expected);
    assertThat(Integer.signum(nuget.compare(b, a))).isEqualTo(-expected);
  }

  @ParameterizedTest
  @CsvSource({"1.0.0, true", "1.0.0.0, true", "1, true", "1.0.0-beta.1+meta, true", "1.0.0.0.0, false", "v1.0, false",
      "1.0.0-, false", "'', false"})
  void validity(String version, boolean valid) {
    assertThat(nuget.isValid(version)).isEqualTo(valid);
  }
}
