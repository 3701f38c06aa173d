package io.drydock.image.rootfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drydock.image.ImageOptions;
import io.drydock.image.ImageSources;
import io.drydock.image.OpenedImage;
import io.drydock.image.testing.Fixtures;
import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import io.drydock.model.ImageConfig;
import io.drydock.model.LayerInfo;
import io.drydock.model.event.Event;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootfsSourceTest {
  @TempDir Path tmp;
  Path root;
  Path work;

  @BeforeEach
  void rootfs() throws IOException {
    root = Files.createDirectories(tmp.resolve("rootfs"));
    work = tmp.resolve("work");
    Files.createDirectories(root.resolve("etc"));
    Files.writeString(root.resolve("etc/os-release"), "ID=test\n");
    Path tool = Files.writeString(Files.createDirectories(root.resolve("usr/bin")).resolve("tool"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-x---"));
    Files.createLink(root.resolve("usr/bin/tool-alias"), tool);
    Files.createSymbolicLink(root.resolve("etc/passwd"), Path.of("/etc/passwd"));
    Files.createSymbolicLink(root.resolve("escape"), Path.of("../../outside"));
    Files.writeString(tmp.resolve("outside"), "must not be packed");
  }

  private OpenedImage open(List<Event> events) throws IOException {
    return ImageSources.load().open("dir:" + root, ImageOptions.defaults(work), events::add);
  }

  private static Map<String, TarArchiveEntry> entries(InputStream blob, Map<String, String> contents) throws IOException {
    Map<String, TarArchiveEntry> out = new LinkedHashMap<>();
    try (TarArchiveInputStream tar = new TarArchiveInputStream(blob)) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        out.put(e.getName(), e);
        if (e.isFile() && !e.isSymbolicLink() && !e.isLink()) {
          contents.put(e.getName(), new String(tar.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
      tar.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return out;
  }

  @Test
  void packsRootfsAsOneVerifiedLayerWithoutFollowingLinks() throws IOException {
    List<Event> events = new ArrayList<>();
    Map<String, String> contents = new LinkedHashMap<>();
    Map<String, TarArchiveEntry> entries;
    try (OpenedImage image = open(events)) {
      assertThat(image.metadata().manifestDigest()).isNull();
      assertThat(image.metadata().configDigest()).isNull();
      assertThat(image.metadata().config()).isEqualTo(ImageConfig.empty());
      LayerInfo layer = image.metadata().layers().get(0);
      assertThat(layer.digest()).isEqualTo(layer.diffId());
      assertThat(layer.size()).isPositive();
      entries = entries(image.openLayerBlob(0), contents);
      assertThat(Fixtures.drain(image.openLayerBlob(0))).isEqualTo(layer.size());
    }
    assertThat(entries.keySet()).containsExactly("escape", "etc/", "etc/os-release", "etc/passwd", "usr/", "usr/bin/", "usr/bin/tool", "usr/bin/tool-alias");
    assertThat(entries.get("etc/passwd").isSymbolicLink()).isTrue();
    assertThat(entries.get("etc/passwd").getLinkName()).isEqualTo("/etc/passwd");
    assertThat(entries.get("escape").getLinkName()).isEqualTo("../../outside");
    assertThat(contents).doesNotContainValue("must not be packed").containsEntry("etc/os-release", "ID=test\n");
    assertThat(entries.get("usr/bin/tool").getMode()).isEqualTo(0750);
    assertThat(entries.get("usr/bin/tool-alias").isLink()).isTrue();
    assertThat(entries.get("usr/bin/tool-alias").getLinkName()).isEqualTo("usr/bin/tool");
    try (Stream<Path> files = Files.list(work)) {
      assertThat(files).as("temporary layer deleted on close").isEmpty();
    }
  }

  @Test
  void sameTreeGivesSameDigest() throws IOException {
    try (OpenedImage a = open(new ArrayList<>()); OpenedImage b = open(new ArrayList<>())) {
      assertThat(a.metadata().layers()).isEqualTo(b.metadata().layers());
    }
  }

  @Test
  void specialFilesAreSkippedAndReported() throws IOException, InterruptedException {
    Process p = new ProcessBuilder("mkfifo", root.resolve("etc/fifo").toString()).start();
    assertThat(p.waitFor()).isZero();
    List<Event> events = new ArrayList<>();
    try (OpenedImage image = open(events)) {
      assertThat(entries(image.openLayerBlob(0), new LinkedHashMap<>())).doesNotContainKey("etc/fifo");
    }
    assertThat(events).filteredOn(Event.Warning.class::isInstance).singleElement()
        .satisfies(e -> assertThat(((Event.Warning) e).message()).contains("etc/fifo", "FIFO"));
  }

  @Test
  void missingDirectoryIsNotFoundAndFileIsInvalid() throws IOException {
    assertThatThrownBy(() -> ImageSources.load().open("dir:" + tmp.resolve("nope"), ImageOptions.defaults(work), e -> { }))
        .isInstanceOfSatisfying(DrydockException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
    assertThatThrownBy(() -> ImageSources.load().open("dir:" + tmp.resolve("outside"), ImageOptions.defaults(work), e -> { }))
        .isInstanceOfSatisfying(DrydockException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT));
  }
}
