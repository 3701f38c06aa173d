package io.drydock.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageRefTest {
  private static final String D = "sha256:4d6295e60169ca90e6054a05e77399a9efb8051b5caf97a4b19325f054e0a54e";

  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "-", value = {
    // written                                  | registry        | repository              | tag        | canonical
    "alpine                                     | docker.io       | library/alpine          | -          | docker.io/library/alpine",
    "alpine:3.20                                | docker.io       | library/alpine          | 3.20       | docker.io/library/alpine:3.20",
    "bitnami/redis:7                            | docker.io       | bitnami/redis           | 7          | docker.io/bitnami/redis:7",
    "docker.io/library/nginx:1.25.3-alpine3.19  | docker.io       | library/nginx           | 1.25.3-alpine3.19 | docker.io/library/nginx:1.25.3-alpine3.19",
    "index.docker.io/library/nginx              | docker.io       | library/nginx           | -          | docker.io/library/nginx",
    "ghcr.io/org/team/app:v1.2                  | ghcr.io         | org/team/app            | v1.2       | ghcr.io/org/team/app:v1.2",
    "localhost/fixtures/alpine:3.20.3           | localhost       | fixtures/alpine         | 3.20.3     | localhost/fixtures/alpine:3.20.3",
    "127.0.0.1:5000/fixtures/alpine:3.20.3      | 127.0.0.1:5000  | fixtures/alpine         | 3.20.3     | 127.0.0.1:5000/fixtures/alpine:3.20.3",
    "registry:5000/app                          | registry:5000   | app                     | -          | registry:5000/app",
  })
  void parsesAndNormalisesLikeDocker(String written, String registry, String repository, String tag, String canonical) {
    ImageRef ref = ImageRef.parse(written);
    assertThat(ref.registry()).isEqualTo(registry);
    assertThat(ref.repository()).isEqualTo(repository);
    assertThat(ref.tag()).isEqualTo(tag);
    assertThat(ref.toString()).isEqualTo(canonical);
    assertThat(ImageRef.parse(ref.toString())).isEqualTo(ref);
  }

  @Test
  void digestAndTagTogether() {
    ImageRef ref = ImageRef.parse("alpine:3.20@" + D);
    assertThat(ref.tag()).isEqualTo("3.20");
    assertThat(ref.digest()).isEqualTo(Digest.parse(D));
    assertThat(ref.reference()).isEqualTo(D);
    assertThat(ref.familiar()).isEqualTo("alpine:3.20@" + D);
    assertThat(ref.withDigest(null).reference()).isEqualTo("3.20");
    assertThat(ImageRef.parse("alpine").tagOrLatest()).isEqualTo("latest");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "host/UPPER", "Registry.io/UPPER", "alpine:", "alpine:bad tag", "a//b", "alpine@sha256:123", "alpine@md5:abc",
      "-leading/dash"})
  void rejectsMalformedReferences(String written) {
    assertThatThrownBy(() -> ImageRef.parse(written)).isInstanceOf(IllegalArgumentException.class)
        .satisfies(e -> assertThat(e.getMessage()).isNotBlank());
  }

  @Test
  void anUpperCaseFirstComponentIsARegistryHostAsInDocker() {
    assertThat(ImageRef.parse("UPPER/case").registry()).isEqualTo("UPPER");
  }
}
