package io.drydock.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drydock.image.OpenedImage;
import io.drydock.image.layer.LayerEntry;
import io.drydock.model.Digest;
import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import io.drydock.model.ImageConfig;
import io.drydock.model.ImageMetadata;
import io.drydock.model.LayerInfo;
import io.drydock.model.OsInfo;
import io.drydock.model.Package;
import io.drydock.model.PackageType;
import io.drydock.model.Skip;
import io.drydock.model.event.Event;
import io.drydock.scan.analyzer.AnalysisInput;
import io.drydock.scan.analyzer.AnalysisResult;
import io.drydock.scan.analyzer.Analyzer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SbomBuilderTest {

  /** Lines {@code name@version} of {@code lib/apk/db/installed} are packages; {@code etc/os-release} gives the OS. */
  static final class Simple implements Analyzer {
    int calls;

    @Override
    public String name() {
      return "simple";
    }

    @Override
    public int version() {
      return 1;
    }

    @Override
    public boolean isRequired(LayerEntry entry) {
      return entry.path().equals("lib/apk/db/installed") || entry.path().equals("etc/os-release");
    }

    @Override
    public AnalysisResult analyze(AnalysisInput input) throws IOException {
      calls++;
      String text = new String(input.content().readAllBytes(), StandardCharsets.UTF_8);
      if (input.path().equals("etc/os-release")) {
        return AnalysisResult.ofOs(new OsInfo("alpine", text.trim(), null));
      }
      List<Package> packages = new ArrayList<>();
      for (String line : text.split("\n")) {
        String[] nv = line.split("@");
        packages.add(new Package(PackageType.APK, nv[0], nv[1], null, null, null, "pkg:apk/" + nv[0], input.path(), null, List.of()));
      }
      return AnalysisResult.ofPackages(packages);
    }
  }

  record Layer(byte[] tar, byte[] blob) {}

  static Layer layer(String... fileAndContent) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
      for (int i = 0; i < fileAndContent.length; i += 2) {
        byte[] data = fileAndContent[i + 1].getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(fileAndContent[i], TarConstants.LF_NORMAL, true);
        e.setSize(data.length);
        e.setMode(fileAndContent[i].contains("suid") ? 04755 : 0644);
        out.putArchiveEntry(e);
        out.write(data);
        out.closeArchiveEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] tar = bytes.toByteArray();
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(tar);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Layer(tar, gz.toByteArray());
  }

  record FakeImage(List<Layer> layers, List<Digest> diffIds) implements OpenedImage {
    static FakeImage of(Layer... layers) {
      return new FakeImage(List.of(layers), Stream.of(layers).map(l -> Digest.sha256(l.tar())).toList());
    }

    @Override
    public ImageMetadata metadata() {
      List<LayerInfo> infos = new ArrayList<>();
      for (int i = 0; i < layers.size(); i++) {
        infos.add(new LayerInfo(Digest.sha256(layers.get(i).blob()), diffIds.get(i), layers.get(i).blob().length,
            "application/vnd.oci.image.layer.v1.tar+gzip", null));
      }
      return new ImageMetadata("fake", null, null, null, null, null, infos, ImageConfig.empty(), List.of());
    }

    @Override
    public InputStream openLayerBlob(int index) {
      return new ByteArrayInputStream(layers.get(index).blob());
    }

    @Override
    public void close() {}
  }

  static List<Path> tree(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.sorted().toList();
    }
  }

  @Test
  void buildsTheSbomOfTheFinalViewWithOriginLayers(@TempDir Path root) throws IOException {
    Layer base = layer("etc/os-release", "3.20.3", "lib/apk/db/installed", "musl@1.2.5\nbusybox@1.36.1", "../../evil", "x",
        "usr/bin/suid-tool", "x");
    Layer upgrade = layer("lib/apk/db/installed", "musl@1.2.5\nbusybox@1.36.2\ncurl@8.0", "bin/sh", "#!");
    FakeImage image = FakeImage.of(base, upgrade);
    Path cacheDir = root.resolve("cache");
    Files.createDirectories(root.resolve("other"));
    List<Path> before = tree(root);
    List<Event> events = new ArrayList<>();
    Simple simple = new Simple();

    SbomBuilder.Result result = SbomBuilder.of(List.of(simple), cacheDir, events::add).build(image);

    assertThat(result.sbom().os()).isEqualTo(new OsInfo("alpine", "3.20.3", null));
    assertThat(result.sbom().packages()).extracting(p -> p.name() + "@" + p.version() + " " + image.diffIds().indexOf(p.layer()))
        .containsExactly("musl@1.2.5 0", "busybox@1.36.2 1", "curl@8.0 1");
    assertThat(result.sbom().skipped()).extracting(Skip::reason).containsExactly("path escapes the root");
    assertThat(result.facts().setuidPaths()).containsExactly("usr/bin/suid-tool");
    assertThat(result.facts().shells()).containsExactly("bin/sh");
    assertThat(result.facts().layerCount()).isEqualTo(2);
    assertThat(events).filteredOn(e -> e instanceof Event.Progress).extracting(e -> ((Event.Progress) e).item())
        .containsOnly(image.diffIds().get(0).toString(), image.diffIds().get(1).toString());
    assertThat(simple.calls).isEqualTo(3);
    List<Path> after = tree(root);
    assertThat(after.stream().filter(p -> !before.contains(p))).isNotEmpty().allMatch(p -> p.startsWith(cacheDir));

    Simple again = new Simple();
    SbomBuilder.Result cached = SbomBuilder.of(List.of(again), cacheDir, e -> {}).build(image);
    assertThat(again.calls).isZero();
    assertThat(cached.sbom()).isEqualTo(result.sbom());
  }

  @Test
  void worksWithoutACache() throws IOException {
    FakeImage image = FakeImage.of(layer("lib/apk/db/installed", "musl@1.2.5"));
    SbomBuilder.Result result = SbomBuilder.of(List.of(new Simple()), null, e -> {}).build(image);
    assertThat(result.sbom().packages()).hasSize(1);
    assertThat(result.sbom().os()).isNull();
  }

  @Test
  void aLayerWhoseContentDoesNotMatchItsDiffIdFailsTheBuild() {
    Layer real = layer("a", "1");
    Layer other = layer("a", "2");
    FakeImage lying = new FakeImage(List.of(real), List.of(Digest.sha256(other.tar())));
    assertThatThrownBy(() -> SbomBuilder.of(List.of(new Simple()), null, e -> {}).build(lying))
        .isInstanceOf(DrydockException.class)
        .hasMessageContaining("Tried to read layer " + Digest.sha256(other.tar()) + " but failed because: its uncompressed content has diffID")
        .extracting(e -> ((DrydockException) e).kind()).isEqualTo(ErrorKind.INVALID_INPUT);
  }
}
