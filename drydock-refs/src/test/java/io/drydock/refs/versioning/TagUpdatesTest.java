package io.drydock.refs.versioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TagUpdatesTest {
  private static final List<String> NGINX = List.of("latest", "alpine", "1.25.3-alpine3.19", "1.25.4-alpine3.19",
      "1.26.0-alpine3.19", "1.25.4-alpine3.20", "2.0.0-alpine3.19", "1.25.4", "1.25-alpine3.19", "1.27.0b1-alpine3.19",
      "1.25.5-alpine3.19-SNAPSHOT", "stable-alpine");
  private static final List<String> NODE = List.of("20-bookworm-slim", "21-bookworm-slim", "22-bookworm-slim",
      "22-bookworm", "22.1-bookworm-slim", "20-alpine", "18-bookworm-slim", "lts-bookworm-slim");

  @ParameterizedTest(name = "{0} allowMajor={1} -> {2}")
  @CsvSource(delimiter = '|', value = {
      "1.25.3-alpine3.19 | false | 1.25.4-alpine3.19 1.26.0-alpine3.19",
      "1.25.3-alpine3.19 | true  | 1.25.4-alpine3.19 1.26.0-alpine3.19 2.0.0-alpine3.19",
      "1.26.0-alpine3.19 | false | ",
      "1.25.4-alpine3.20 | false | ",
      "1.25-alpine3.19   | false | ",
      "1.25.3            | false | 1.25.4",
      "latest            | true  | ",
      "20-bookworm-slim  | false | ",
      "20-bookworm-slim  | true  | 21-bookworm-slim 22-bookworm-slim",
      "1.27.0b1-alpine3.19 | false | ",
  })
  void newerTagsInTheSameLine(String current, boolean allowMajor, String expected) {
    List<String> available = current.contains("bookworm") ? NODE : NGINX;
    List<String> want = expected == null ? List.of() : Arrays.asList(expected.trim().split("\\s+"));
    assertThat(TagUpdates.newer(current, available, allowMajor)).extracting(c -> c.tag().text())
        .containsExactlyElementsOf(want);
  }

  @ParameterizedTest
  @CsvSource({"1.25.3, 1.25.4, PATCH", "1.25.3, 1.26.0, MINOR", "1.25.3, 2.0.0, MAJOR", "3.7.0b1, 3.7.0, PATCH"})
  void updateType(String current, String candidate, TagUpdates.UpdateType type) {
    assertThat(TagUpdates.newer(current, List.of(candidate), true)).singleElement()
        .extracting(TagUpdates.Candidate::type).isEqualTo(type);
  }
}
