package io.drydock.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drydock.model.Digest;
import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TagTemplateTest {
  static final Digest DIGEST = Digest.parse("sha256:0123456789ab" + "c".repeat(52));
  static final LocalDate DAY = LocalDate.of(2026, 12, 3);

  @ParameterizedTest(name = "{0} on {1} with [{2}] -> {3}")
  @CsvSource(delimiter = '|', value = {
      "{tag}-patched.{n}           | 3.20.3           |                                     | 3.20.3-patched.1",
      "{tag}-patched.{n}           | 3.20.3           | 3.20.3-patched.1 3.20.3-patched.2   | 3.20.3-patched.3",
      "{tag}-patched.{n}           | 3.20.3-patched.2 | 3.20.3-patched.1 3.20.3-patched.2   | 3.20.3-patched.3",
      "{tag}-patched.{n}           | 1.0              | 1.0-patched.2                       | 1.0-patched.1",
      "{tag}-{date}                | 1.0              |                                     | 1.0-20261203",
      "{tag}-{date}                | 1.0              | 1.0-20261203                        | 1.0-20261203.1",
      "{tag}-{shortdigest}         | 1.0              |                                     | 1.0-0123456789ab",
      "p{n}                        | 1.0              | p1                                  | p2",
  })
  void renders(String template, String source, String existing, String expected) {
    Set<String> tags = existing == null ? Set.of() : Set.of(existing.trim().split("\\s+"));
    assertThat(new TagTemplate(template).render(source, DAY, DIGEST, tags)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "latest       | no placeholder",
      "{tag}        | ",
      "{tag}-{foo}  | unknown placeholder {foo}",
  })
  void refuses(String template, String message) {
    if (template.equals("{tag}")) {
      assertThatThrownBy(() -> new TagTemplate(template).render("latest", DAY, DIGEST, Set.of()))
          .hasMessageContaining("gave 'latest'");
    } else {
      assertThatThrownBy(() -> new TagTemplate(template)).hasMessageContaining(message);
    }
  }
}
