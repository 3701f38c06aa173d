package io.drydock.image.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LinkHeaderTest {

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("</v2/x/tags/list?last=b&n=2>; rel=\"next\"", Optional.of("/v2/x/tags/list?last=b&n=2")),
        Arguments.of("<https://r.example/v2/x/tags/list?n=2&last=b>;rel=next", Optional.of("https://r.example/v2/x/tags/list?n=2&last=b")),
        Arguments.of("</a>; rel=\"prev\", </b>; rel=\"next\"", Optional.of("/b")),
        Arguments.of("</a>; rel=\"prev next\"", Optional.of("/a")),
        Arguments.of("</a>; title=\"x\"; REL=\"Next\"", Optional.of("/a")),
        Arguments.of("</a>; rel=\"prev\"", Optional.empty()),
        Arguments.of("<>; rel=\"next\"", Optional.empty()),
        Arguments.of("garbage", Optional.empty()),
        Arguments.of("</a; rel=\"next\"", Optional.empty()),
        Arguments.of("", Optional.empty()));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void findsTheNextPage(String header, Optional<String> next) {
    assertThat(LinkHeader.next(header)).isEqualTo(next);
  }
}
