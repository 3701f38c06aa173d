package io.drydock.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.NotFoundException;
import io.drydock.model.Digest;
import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import io.drydock.model.ImageRef;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DockerEngineTest {
  static final String D1 = "sha256:" + "1".repeat(64);
  static final String D2 = "sha256:" + "2".repeat(64);

  @ParameterizedTest(name = "{0} in {1} -> {2}")
  @CsvSource(delimiter = '|', value = {
      // Docker prints familiar names, Podman full ones; both must match the same ImageRef
      "alpine:3.20 | alpine@" + "sha256:1111111111111111111111111111111111111111111111111111111111111111" + " | " + "sha256:1111111111111111111111111111111111111111111111111111111111111111",
      "docker.io/library/alpine:3.20 | docker.io/library/alpine@" + "sha256:1111111111111111111111111111111111111111111111111111111111111111" + " | " + "sha256:1111111111111111111111111111111111111111111111111111111111111111",
      "localhost/drydock-testapp:1 | localhost/other@" + "sha256:1111111111111111111111111111111111111111111111111111111111111111" + " | ",
      "127.0.0.1:5000/fixtures/alpine:3.20.3 | 127.0.0.1:5000/fixtures/alpine@" + "sha256:2222222222222222222222222222222222222222222222222222222222222222" + " | " + "sha256:2222222222222222222222222222222222222222222222222222222222222222",
      "localhost/x:1 | not a reference@@ | ",
  })
  void repoDigestPicksTheEntryOfTheSameRepository(String image, String entry, String expected) {
    assertThat(DockerReplies.repoDigest(List.of(entry), ImageRef.parse(image)).map(Digest::toString).orElse(null))
        .isEqualTo(expected);
  }

  @Test
  void noRepoDigestsIsEmpty() {
    assertThat(DockerReplies.repoDigest(null, ImageRef.parse("alpine"))).isEmpty();
  }

  @Test
  void localNamesPreferTheDigestAndAcceptAnImageId() {
    assertThat(DockerReplies.localNames(ImageRef.parse("localhost/app:1@" + D1)))
        .containsExactly("localhost/app@" + D1, D1);
    assertThat(DockerReplies.localNames(ImageRef.parse("alpine"))).containsExactly("docker.io/library/alpine:latest");
  }

  @Test
  void engineMessagesAreQuotedOnOneLine() {
    assertThat(DockerReplies.message(new NotFoundException("Status 404: {\"cause\":\"x\",\"message\":\"no container with name or ID \\\"nope\\\" found\"}")))
        .isEqualTo("no container with name or ID \"nope\" found");
    assertThat(DockerReplies.message(new NotFoundException("plain\nline"))).isEqualTo("plain / line");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Could not pull image: manifest unknown | NOT_FOUND",
      "Could not pull image: initializing source docker://x: name unknown: repository not found | NOT_FOUND",
      "Could not pull image: unauthorized: authentication required | AUTH",
      "Could not pull image: pinging container registry 127.0.0.1:5000: server gave HTTP response to HTTPS client | UNREACHABLE",
  })
  void pullFailuresAreClassified(String message, ErrorKind kind) {
    DrydockException e = DockerReplies.pullFailure(ImageRef.parse("127.0.0.1:5000/x:1"), new DockerClientException(message));
    assertThat(e.kind()).isEqualTo(kind);
    assertThat(e.getMessage()).startsWith("Tried to pull 127.0.0.1:5000/x:1 but failed because: ").doesNotContain("Could not pull image");
  }

  @Test
  void missingSocketIsUnreachableWithAHint() {
    assertThatThrownBy(() -> DockerEngine.connect("unix:///x.sock"))
        .isInstanceOf(DrydockException.class)
        .hasMessage("Tried to connect to the container engine at unix:///x.sock but failed because: no such socket "
            + "(is podman system service / dockerd running?)")
        .satisfies(e -> assertThat(((DrydockException) e).kind()).isEqualTo(ErrorKind.UNREACHABLE));
  }

  @ParameterizedTest
  @CsvSource({"http://localhost:2375", "'not a uri ::'"})
  void badHostsAreUsageErrors(String host) {
    assertThatThrownBy(() -> DockerEngine.connect(host))
        .isInstanceOf(DrydockException.class)
        .satisfies(e -> assertThat(((DrydockException) e).kind()).isEqualTo(ErrorKind.USAGE));
  }
}
