package io.drydock.refs.pin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drydock.model.Digest;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RefEditsTest {
  private static final Digest D = new Digest("sha256", "b".repeat(64));

  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "nginx                                  | -      | nginx:latest@{D}",
      "nginx:1.25                             | -      | nginx:1.25@{D}",
      "nginx:1.25@sha256:" + "0000000000000000000000000000000000000000000000000000000000000000" + " | - | nginx:1.25@{D}",
      "nginx:1.25                             | 1.26   | nginx:1.26@{D}",
      "127.0.0.1:5000/a/b                     | -      | 127.0.0.1:5000/a/b:latest@{D}",
      "127.0.0.1:5000/a/b:1                   | 2      | 127.0.0.1:5000/a/b:2@{D}",
      "docker.io/library/alpine:3.20          | -      | docker.io/library/alpine:3.20@{D}",
      "alpine@sha256:" + "0000000000000000000000000000000000000000000000000000000000000000" + "  | -  | alpine@{D}"})
  void keepsTheRepositoryAsWritten(String written, String newTag, String expected) {
    assertThat(RefEdits.withTagAndDigest(written.strip(), newTag, D)).isEqualTo(expected.replace("{D}", D.toString()));
  }

  @Test
  void editsApplyInOrderAndRefuseOverlaps() {
    assertThat(TextEdits.apply("abcdef", List.of(new Edit(4, 5, "E"), new Edit(0, 1, "A"), new Edit(0, 1, "A"))))
        .isEqualTo("AbcdEf");
    assertThatThrownBy(() -> TextEdits.apply("abcdef", List.of(new Edit(0, 3, "x"), new Edit(2, 4, "y"))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void unifiedDiffShowsChangedLinesWithContext() {
    String before = "1\n2\n3\n4\n5\nFROM a:1\n7\n8\n9\n10\n11\n";
    String after = before.replace("FROM a:1", "FROM a:1@x");
    assertThat(TextEdits.unifiedDiff("Dockerfile", before, after)).isEqualTo("""
        --- a/Dockerfile
        +++ b/Dockerfile
        @@ -3,7 +3,7 @@
         3
         4
         5
        -FROM a:1
        +FROM a:1@x
         7
         8
         9
        """);
    assertThat(TextEdits.unifiedDiff("x", before, before)).isEmpty();
  }
}
