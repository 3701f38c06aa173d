package io.drydock.image.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AuthChallengeTest {

  static Stream<Arguments> headers() {
    return Stream.of(
        Arguments.of("Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\",scope=\"repository:library/alpine:pull\"",
            new AuthChallenge.Bearer("https://auth.docker.io/token", "registry.docker.io", "repository:library/alpine:pull")),
        Arguments.of("Bearer realm=\"https://ghcr.io/token\",service=\"ghcr.io\"",
            new AuthChallenge.Bearer("https://ghcr.io/token", "ghcr.io", null)),
        Arguments.of("bearer SCOPE=\"a:b:pull push\", Realm=\"http://127.0.0.1:9/t\"",
            new AuthChallenge.Bearer("http://127.0.0.1:9/t", null, "a:b:pull push")),
        Arguments.of("Bearer realm=http://h/token,service=svc",
            new AuthChallenge.Bearer("http://h/token", "svc", null)),
        Arguments.of("Bearer realm=\"https://h/t\",service=\"s\",scope=\"repository:x:pull\",error=\"insufficient_scope\"",
            new AuthChallenge.Bearer("https://h/t", "s", "repository:x:pull")),
        Arguments.of("Bearer realm=\"https://h/a\\\"b\"", new AuthChallenge.Bearer("https://h/a\"b", null, null)),
        Arguments.of("Basic realm=\"Registry Realm\"", new AuthChallenge.Basic("Registry Realm")),
        Arguments.of("Basic", new AuthChallenge.Basic(null)),
        Arguments.of("Negotiate", new AuthChallenge.Unsupported("Negotiate")),
        Arguments.of("Basic realm=\"r\", Bearer realm=\"https://h/t\",service=\"s\"",
            new AuthChallenge.Bearer("https://h/t", "s", null)));
  }

  @ParameterizedTest
  @MethodSource("headers")
  void parsesTheChallengeToAnswer(String header, AuthChallenge expected) {
    assertThat(AuthChallenge.best(List.of(header))).contains(expected);
  }

  @ParameterizedTest
  @MethodSource("malformed")
  void dropsMalformedChallenges(String header) {
    assertThat(AuthChallenge.best(List.of(header))).isEqualTo(Optional.empty());
  }

  static Stream<String> malformed() {
    return Stream.of("", "   ", "Bearer service=\"s\"", "Bearer realm=\"\"", ",,,", "\"quoted\"");
  }

  @Test
  void prefersBearerAcrossSeveralHeaders() {
    assertThat(AuthChallenge.best(List.of("Basic realm=\"x\"", "Bearer realm=\"https://t\"")))
        .contains(new AuthChallenge.Bearer("https://t", null, null));
  }

  @Test
  void keepsBothChallengesOfOneHeader() {
    assertThat(AuthChallenge.parseAll("Basic realm=\"r\", Bearer realm=\"https://h/t\""))
        .containsExactly(new AuthChallenge.Basic("r"), new AuthChallenge.Bearer("https://h/t", null, null));
  }
}
