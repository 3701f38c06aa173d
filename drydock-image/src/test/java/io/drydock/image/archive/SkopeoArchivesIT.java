package io.drydock.image.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.drydock.image.ImageOptions;
import io.drydock.image.ImageSources;
import io.drydock.image.OpenedImage;
import io.drydock.image.manifest.MediaTypes;
import io.drydock.image.testing.Fixtures;
import io.drydock.model.ImageMetadata;
import io.drydock.model.LayerInfo;
import io.drydock.model.event.EventSink;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Archives and layouts written by the real skopeo (installed by scripts/test-env.sh) read back identically. */
class SkopeoArchivesIT {
  @TempDir Path tmp;

  private void skopeo(String... args) throws IOException, InterruptedException {
    List<String> cmd = new java.util.ArrayList<>(List.of("skopeo", "copy", "-q"));
    cmd.addAll(List.of(args));
    Process p;
    try {
      p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new AssertionError("skopeo is not installed: run scripts/test-env.sh up", e);
    }
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
  }

  private ImageMetadata read(String reference) throws IOException {
    try (OpenedImage image = ImageSources.load().open(reference, ImageOptions.defaults(tmp.resolve("work")), EventSink.NONE)) {
      for (int i = 0; i < image.metadata().layers().size(); i++) {
        assertThat(Fixtures.drain(image.openLayerBlob(i))).isEqualTo(image.metadata().layers().get(i).size());
      }
      return image.metadata();
    }
  }

  @Test
  void skopeoDockerArchiveAndOciDirMatchTheOciArchive() throws IOException, InterruptedException {
    Path archive = Fixtures.copy(Fixtures.WHITEOUT, tmp);
    Path docker = tmp.resolve("whiteout.docker.tar");
    Path dir = tmp.resolve("whiteout-oci");
    skopeo("oci-archive:" + archive + ":1", "docker-archive:" + docker + ":localhost/fixtures/whiteout:1");
    skopeo("oci-archive:" + archive + ":1", "oci:" + dir + ":one");

    ImageMetadata fromArchive = read("oci-archive:" + archive + ":1");
    ImageMetadata fromDocker = read("docker-archive:" + docker + ":localhost/fixtures/whiteout:1");
    ImageMetadata fromDir = read("oci:" + dir + ":one");

    assertThat(fromDir.manifestDigest()).hasToString(Fixtures.WHITEOUT_MANIFEST);
    assertThat(fromDocker.configDigest()).isEqualTo(fromArchive.configDigest());
    assertThat(fromDocker.layers()).extracting(LayerInfo::diffId).isEqualTo(fromArchive.layers().stream().map(LayerInfo::diffId).toList());
    assertThat(fromDocker.layers()).extracting(LayerInfo::digest).isEqualTo(fromArchive.layers().stream().map(LayerInfo::diffId).toList());
    assertThat(fromDocker.layers()).allSatisfy(l -> assertThat(l.mediaType()).isEqualTo(MediaTypes.DOCKER_LAYER_TAR));
    assertThat(fromDocker.layers()).extracting(LayerInfo::createdBy).isEqualTo(fromArchive.layers().stream().map(LayerInfo::createdBy).toList());
    assertThat(fromDocker.config()).isEqualTo(fromArchive.config());
    assertThat(read(docker.toString()).configDigest()).isEqualTo(fromArchive.configDigest());
  }
}
