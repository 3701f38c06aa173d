package io.drydock.store;

import static io.drydock.store.Fixtures.finding;
import static org.assertj.core.api.Assertions.assertThat;

import io.drydock.model.Severity;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FindingDiffTest {
  static final StoredFinding A = finding("CVE-1", "openssl", "3.0.1", Severity.HIGH, "3.0.2");
  static final StoredFinding A_NOFIX = finding("CVE-1", "openssl", "3.0.1", Severity.HIGH);
  static final StoredFinding A_OTHER_VERSION = finding("CVE-1", "openssl", "3.0.9", Severity.HIGH, "3.0.10");
  static final StoredFinding B = finding("CVE-2", "zlib", "1.2", Severity.LOW);

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("nothing before, nothing now", List.of(), List.of(), List.of(), List.of()),
        Arguments.of("first match", List.of(), List.of(A, B), List.of("CVE-1", "CVE-2"), List.of()),
        Arguments.of("unchanged", List.of(A, B), List.of(B, A), List.of(), List.of()),
        Arguments.of("advisory withdrawn", List.of(A, B), List.of(B), List.of(), List.of("CVE-1")),
        Arguments.of("new advisory", List.of(B), List.of(A, B), List.of("CVE-1"), List.of()),
        Arguments.of("fix became available", List.of(A_NOFIX), List.of(A), List.of("CVE-1"), List.of()),
        Arguments.of("fix no longer listed is no change", List.of(A), List.of(A_NOFIX), List.of(), List.of()),
        Arguments.of("other package version is another finding", List.of(A), List.of(A_OTHER_VERSION),
            List.of("CVE-1"), List.of("CVE-1")),
        Arguments.of("duplicates in the new match count once", List.of(), List.of(A, A), List.of("CVE-1"), List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void diff(String name, List<StoredFinding> before, List<StoredFinding> after, List<String> appeared, List<String> fixed) {
    FindingDiff d = FindingDiff.of(before, after);
    assertThat(d.appeared()).extracting(StoredFinding::id).containsExactlyElementsOf(appeared);
    assertThat(d.fixed()).extracting(StoredFinding::id).containsExactlyElementsOf(fixed);
  }
}
