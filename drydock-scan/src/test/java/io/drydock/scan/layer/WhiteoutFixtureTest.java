package io.drydock.scan.layer;

import static org.assertj.core.api.Assertions.assertThat;

import io.drydock.image.layer.LayerEntry;
import io.drydock.model.Digest;
import io.drydock.model.Package;
import io.drydock.model.PackageType;
import io.drydock.model.event.Event;
import io.drydock.scan.ImageFacts;
import io.drydock.scan.SbomBuilder;
import io.drydock.scan.analyzer.AnalysisInput;
import io.drydock.scan.analyzer.AnalysisResult;
import io.drydock.scan.analyzer.Analyzer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real multi-layer fixture (README section 3): whiteouts, an opaque directory, an overwritten file. */
class WhiteoutFixtureTest {

  /** Reads P:/V: records of the apk installed DB (enough for this test; the real analyzer lives elsewhere). */
  static final class ApkNames implements Analyzer {
    int calls;

    @Override
    public String name() {
      return "test-apk";
    }

    @Override
    public int version() {
      return 1;
    }

    @Override
    public boolean isRequired(LayerEntry entry) {
      return entry.path().equals("lib/apk/db/installed");
    }

    @Override
    public AnalysisResult analyze(AnalysisInput input) throws IOException {
      calls++;
      List<Package> packages = new ArrayList<>();
      String name = null;
      for (String line : new String(input.content().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.startsWith("P:")) {
          name = line.substring(2);
        } else if (line.startsWith("V:") && name != null) {
          packages.add(new Package(PackageType.APK, name, line.substring(2), null, null, null, "pkg:apk/" + name,
              input.path(), null, List.of()));
        }
      }
      return AnalysisResult.ofPackages(packages);
    }
  }

  /** Reports the content of app.conf as a package version, to see which layer's copy wins. */
  static final class ConfContent implements Analyzer {
    @Override
    public String name() {
      return "test-conf";
    }

    @Override
    public int version() {
      return 1;
    }

    @Override
    public boolean isRequired(LayerEntry entry) {
      return entry.path().endsWith(".conf") || entry.path().endsWith(".txt");
    }

    @Override
    public AnalysisResult analyze(AnalysisInput input) throws IOException {
      String content = new String(input.content().readAllBytes(), StandardCharsets.UTF_8).trim();
      return AnalysisResult.ofPackages(List.of(new Package(PackageType.GEM, input.path(), content, null, null, null,
          "pkg:x/" + input.path(), input.path(), null, List.of())));
    }
  }

  static Path fixture() throws URISyntaxException {
    return Path.of(Objects.requireNonNull(WhiteoutFixtureTest.class.getResource("/fixtures/whiteout.oci.tar")).toURI());
  }

  static List<String> children(AppliedImage image, String dir) {
    return image.paths().subMap(dir + "/", dir + "0").keySet().stream()
        .map(p -> p.substring(dir.length() + 1)).filter(p -> !p.contains("/")).collect(Collectors.toList());
  }

  @Test
  void finalViewMatchesUmoci(@TempDir Path root) throws Exception {
    Path cacheDir = root.resolve("cache");
    List<Path> before = io.drydock.scan.LayerCacheTest.tree(root);
    ApkNames apk = new ApkNames();
    List<Event> events = new CopyOnWriteArrayList<>();
    SbomBuilder.Result result;
    try (OciArchive image = OciArchive.open(fixture())) {
      result = SbomBuilder.of(List.of(apk, new ConfContent()), cacheDir, events::add).build(image);
    }
    List<Digest> diffIds = result.sbom().image().layers().stream().map(l -> l.diffId()).toList();
    assertThat(diffIds).hasSize(5);
    AppliedImage view = result.applied();

    assertThat(view.paths()).doesNotContainKey("etc/motd").containsKey("etc/os-release");
    assertThat(children(view, "opt/app/cache")).containsExactly("c.txt");
    assertThat(children(view, "opt/app")).containsExactly("cache", "conf");
    assertThat(children(view, "etc/apk/keys")).isEmpty();
    assertThat(view.paths()).doesNotContainKey("usr/share/apk");

    Map<String, Package> byName = result.sbom().packages().stream().collect(Collectors.toMap(Package::name, p -> p));
    assertThat(byName.get("opt/app/conf/app.conf").version()).isEqualTo("v2");
    assertThat(byName.get("opt/app/conf/app.conf").layer()).isEqualTo(diffIds.get(4));
    assertThat(byName.get("opt/app/cache/c.txt").layer()).isEqualTo(diffIds.get(2));
    assertThat(byName).doesNotContainKeys("opt/app/secret.txt", "opt/app/cache/a.txt", "opt/app/cache/b.txt");

    List<Package> apks = result.sbom().packages().stream().filter(p -> p.type() == PackageType.APK).toList();
    assertThat(apks).hasSize(13).extracting(Package::name).doesNotContain("alpine-keys").contains("musl", "busybox");
    assertThat(apks).allSatisfy(p -> assertThat(p.layer()).as(p.name()).isEqualTo(diffIds.get(0)));
    assertThat(apk.calls).isEqualTo(2); // the base layer's DB and layer 4's rewrite

    ImageFacts facts = result.facts();
    assertThat(facts.layerCount()).isEqualTo(5);
    assertThat(facts.shells()).containsExactly("bin/sh", "bin/ash", "bin/busybox");
    assertThat(facts.packageManagers()).containsExactly("apk");
    assertThat(facts.setuidPaths()).isEmpty(); // the minirootfs has no setuid file (checked with tar tv)

    assertThat(events).filteredOn(e -> e instanceof Event.Progress p && p.done() == p.total()).hasSize(5);
    List<Path> after = io.drydock.scan.LayerCacheTest.tree(root);
    assertThat(after).containsAll(before);
    assertThat(after.stream().filter(p -> !before.contains(p))).allMatch(p -> p.startsWith(cacheDir));
    try (Stream5 s = new Stream5(cacheDir.resolve("layers"))) {
      assertThat(s.names()).hasSize(5).allMatch(n -> n.endsWith(".json"));
    }

    // second run: every layer from the cache, same SBOM
    ApkNames again = new ApkNames();
    try (OciArchive image = OciArchive.open(fixture())) {
      SbomBuilder.Result cached = SbomBuilder.of(List.of(again, new ConfContent()), cacheDir, e -> {}).build(image);
      assertThat(again.calls).isZero();
      assertThat(cached.sbom()).isEqualTo(result.sbom());
      assertThat(cached.facts()).isEqualTo(facts);
    }
  }

  /** Lists file names of a directory. */
  static final class Stream5 implements AutoCloseable {
    private final java.util.stream.Stream<Path> s;

    Stream5(Path dir) throws IOException {
      s = Files.list(dir);
    }

    List<String> names() {
      return s.map(p -> p.getFileName().toString()).toList();
    }

    @Override
    public void close() {
      s.close();
    }
  }

  @Test
  void walksTheFixtureLayersWithMatchingDiffIds() throws Exception {
    try (OciArchive image = OciArchive.open(fixture())) {
      for (int i = 0; i < image.metadata().layers().size(); i++) {
        try (InputStream blob = image.openLayerBlob(i)) {
          LayerResult r = LayerScanner.of(List.of()).scan(blob, image.metadata().layers().get(i).diffId(), n -> {});
          assertThat(r.skipped()).isEmpty();
        }
      }
    }
  }
}
