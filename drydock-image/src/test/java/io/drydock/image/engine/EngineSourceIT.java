package io.drydock.image.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drydock.image.ImageOptions;
import io.drydock.image.ImageSources;
import io.drydock.image.OpenedImage;
import io.drydock.image.testing.Fixtures;
import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import io.drydock.model.ImageMetadata;
import io.drydock.model.event.Event;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against the Podman Docker-compatible socket of scripts/test-env.sh (image localhost/fixtures/alpine:3.20.3). */
class EngineSourceIT {
  static final String ALPINE = "localhost/fixtures/alpine:3.20.3";
  static final String ALPINE_CONFIG = "sha256:04053e1274355ebd45dce75ec2fb38a040953d80dd1cde9217b0490f34d848fc";
  static final String ALPINE_DIFF_ID = "sha256:1bccf10afce5c1ffe31381419930ad565c1436eaeb1ca680494b0663e0028419";

  @TempDir Path work;

  @BeforeAll
  static void requireEngine() {
    String host = System.getenv("DOCKER_HOST");
    assertThat(host).as("DOCKER_HOST is not set: run scripts/test-env.sh up and export its env").isNotBlank();
  }

  private OpenedImage open(String reference, List<Event> events) throws IOException {
    return ImageSources.load().open(reference, ImageOptions.defaults(work.resolve("tmp")), events::add);
  }

  @Test
  void exportsImageByNameAndReadsItAsArchive() throws IOException {
    List<Event> events = new CopyOnWriteArrayList<>();
    try (OpenedImage image = open("engine:" + ALPINE, events)) {
      ImageMetadata m = image.metadata();
      assertThat(m.configDigest()).hasToString(ALPINE_CONFIG);
      assertThat(m.layers()).singleElement().satisfies(l -> {
        assertThat(l.diffId()).hasToString(ALPINE_DIFF_ID);
        assertThat(l.digest()).hasToString(ALPINE_DIFF_ID);
      });
      assertThat(m.repoTags()).contains(ALPINE);
      assertThat(m.config().cmd()).containsExactly("/bin/sh");
      assertThat(Fixtures.drain(image.openLayerBlob(0))).isEqualTo(m.layers().get(0).size());
      try (Stream<Path> files = Files.list(work.resolve("tmp"))) {
        assertThat(files).hasSize(1);
      }
    }
    try (Stream<Path> files = Files.list(work.resolve("tmp"))) {
      assertThat(files).as("export deleted on close").isEmpty();
    }
    assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOf(Event.Progress.class));
  }

  @Test
  void exportsImageById() throws IOException {
    try (OpenedImage image = open("engine:" + ALPINE_CONFIG.substring(7, 19), new CopyOnWriteArrayList<>())) {
      assertThat(image.metadata().configDigest()).hasToString(ALPINE_CONFIG);
    }
  }

  @Test
  void missingImageIsNotFound() throws IOException {
    assertThatThrownBy(() -> open("engine:localhost/fixtures/does-not-exist:1", new CopyOnWriteArrayList<>()))
        .isInstanceOfSatisfying(DrydockException.class, e -> {
          assertThat(e.kind()).as(e.getMessage()).isEqualTo(ErrorKind.NOT_FOUND);
          assertThat(e.getMessage()).contains("localhost/fixtures/does-not-exist:1").doesNotContain("\n");
        });
    try (Stream<Path> files = Files.list(work.resolve("tmp"))) {
      assertThat(files).as("no export left behind").isEmpty();
    }
  }

  @Test
  void unreachableEngineNamesTheSocket() {
    Path socket = work.resolve("no-engine.sock");
    ImageOptions options = ImageOptions.defaults(work.resolve("tmp")).withEngineHost("unix://" + socket);
    assertThatThrownBy(() -> ImageSources.load().open("engine:" + ALPINE, options, e -> { }))
        .isInstanceOfSatisfying(DrydockException.class, e -> {
          assertThat(e.kind()).as(e.getMessage()).isEqualTo(ErrorKind.UNREACHABLE);
          assertThat(e.getMessage()).contains(socket.toString()).doesNotContain("\n");
        });
  }
}
