package io.drydock.scan.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pairs of real published versions with the ecosystem tool's own answer, generated once by the scripts under
 * {@code scripts/oracles/} and committed (see {@code versions/README.md}): every pair must agree, both ways round.
 */
class OraclePairsTest {

  static Stream<Arguments> files() {
    return Stream.of(
        Arguments.of("rubygems-oracle-pairs.txt", VersionSchemes.rubygems()),
        Arguments.of("crates-oracle-pairs.txt", VersionSchemes.forEcosystem("crates.io").orElseThrow()),
        Arguments.of("composer-oracle-pairs.txt", VersionSchemes.composer()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void everyOraclePairAgrees(String file, VersionScheme scheme) {
    List<VectorFile> pairs = VectorFile.load(file);
    List<String> wrong = new ArrayList<>();
    for (VectorFile p : pairs) {
      int got = Integer.signum(scheme.compare(p.a(), p.b()));
      int back = Integer.signum(scheme.compare(p.b(), p.a()));
      if (got != p.expected() || back != -p.expected()) {
        wrong.add(p + " got " + VectorFile.op(got) + " reverse " + VectorFile.op(back));
      }
    }
    assertThat(wrong).as(file).isEmpty();
    assertThat(pairs).as("oracle pairs in " + file).hasSizeGreaterThanOrEqualTo(10_000);
  }
}
