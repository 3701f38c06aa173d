package io.drydock.scan.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The vendored osv-scalibr vector files, every pair, against each scheme. Where the vector file disagrees with
 * the ecosystem's real tool (the oracle this project follows), the pair is pinned to the oracle's answer in
 * {@link KnownDifferences} and this test checks the scheme gives that answer instead.
 */
class VersionVectorsTest {

  static Stream<Arguments> files() {
    return Stream.of(
        Arguments.of("debian-versions.txt", VersionSchemes.dpkg()),
        Arguments.of("debian-versions-generated.txt", VersionSchemes.dpkg()),
        Arguments.of("redhat-versions.txt", VersionSchemes.rpm()),
        Arguments.of("alpine-versions.txt", VersionSchemes.apk()),
        Arguments.of("alpine-versions-generated.txt", VersionSchemes.apk()),
        Arguments.of("maven-versions.txt", VersionSchemes.maven()),
        Arguments.of("maven-versions-generated.txt", VersionSchemes.maven()),
        Arguments.of("semver-versions.txt", VersionSchemes.semver()),
        Arguments.of("pypi-versions.txt", VersionSchemes.pep440()),
        Arguments.of("pypi-versions-generated.txt", VersionSchemes.pep440()),
        Arguments.of("rubygems-versions.txt", VersionSchemes.rubygems()),
        Arguments.of("rubygems-versions-generated.txt", VersionSchemes.rubygems()),
        Arguments.of("nuget-versions.txt", VersionSchemes.nuget()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void everyPairOfTheVectorFileAgreesWithTheOracle(String file, VersionScheme scheme) {
    List<VectorFile> pairs = VectorFile.load(file);
    Map<String, Integer> pinned = KnownDifferences.pinned(file);
    List<String> wrong = new ArrayList<>();
    int checked = 0;
    int rejected = 0;
    for (VectorFile p : pairs) {
      String key = p.a() + " " + VectorFile.op(p.expected()) + " " + p.b();
      if (KnownDifferences.rejectedByOracle(file, scheme, p)) {
        rejected++;
        continue;
      }
      int expected = pinned.getOrDefault(key, p.expected());
      int got = Integer.signum(scheme.compare(p.a(), p.b()));
      int back = Integer.signum(scheme.compare(p.b(), p.a()));
      if (got != expected || back != -expected) {
        wrong.add(p + " (pinned " + VectorFile.op(expected) + ") got " + VectorFile.op(got) + " reverse " + VectorFile.op(back));
      }
      checked++;
    }
    assertThat(wrong).as(file).isEmpty();
    assertThat(checked + rejected).isEqualTo(pairs.size());
    assertThat(rejected).as("pairs the oracle refuses in " + file).isEqualTo(KnownDifferences.expectedRejected(file));
    assertThat(checked).isPositive();
  }
}
