package io.drydock.scan.layer;

import static org.assertj.core.api.Assertions.assertThat;

import io.drydock.model.Digest;
import io.drydock.model.OsInfo;
import io.drydock.model.Package;
import io.drydock.model.Skip;
import io.drydock.scan.analyzer.AnalysisResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LayerApplierTest {

  static Digest diffId(int layer) {
    return Digest.sha256(("layer" + layer).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * One layer from a spec: entries separated by ';', each {@code KIND PATH[=name@version,...]} with KIND
   * {@code f} file, {@code fu} setuid file, {@code d} directory, {@code l} symlink, {@code w} whiteout,
   * {@code o} opaque directory.
   */
  static LayerResult layer(int index, String spec) {
    Map<String, String> paths = new HashMap<>();
    Map<String, AnalysisResult> results = new TreeMap<>();
    List<String> whiteouts = new ArrayList<>();
    List<String> opaque = new ArrayList<>();
    for (String raw : spec.split(";")) {
      String item = raw.trim();
      if (item.isEmpty()) {
        continue;
      }
      String kind = item.substring(0, item.indexOf(' '));
      String rest = item.substring(item.indexOf(' ') + 1);
      String path = rest.contains("=") ? rest.substring(0, rest.indexOf('=')) : rest;
      if (path.equals("/")) {
        path = "";
      }
      switch (kind) {
        case "w" -> whiteouts.add(path);
        case "o" -> opaque.add(path);
        default -> paths.put(path, kind);
      }
      if (rest.contains("=")) {
        List<Package> packages = new ArrayList<>();
        for (String p : rest.substring(rest.indexOf('=') + 1).split(",")) {
          packages.add(FakeAnalyzer.pkg(p.substring(0, p.indexOf('@')), p.substring(p.indexOf('@') + 1), path));
        }
        results.put(path, AnalysisResult.ofPackages(packages));
      }
    }
    return new LayerResult(diffId(index), Map.of("fake", results), paths, whiteouts, opaque,
        List.of(new Skip("layer " + index, "test")), 100);
  }

  static List<LayerResult> layers(String... specs) {
    List<LayerResult> out = new ArrayList<>();
    for (int i = 0; i < specs.length; i++) {
      out.add(layer(i, specs[i]));
    }
    return out;
  }

  /** Packages as {@code location name@version Ln} (n = 1-based layer). */
  static List<String> describe(AppliedImage image) {
    List<String> out = new ArrayList<>();
    for (Package p : image.packages()) {
      int layer = 0;
      while (!diffId(layer).equals(p.layer())) {
        layer++;
      }
      out.add(p.location() + " " + p.name() + "@" + p.version() + " L" + (layer + 1));
    }
    return out;
  }

  static final String DB = "var/lib/dpkg/status";

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("package DB rewritten keeps old packages at their layer",
            List.of("d var; f " + DB + "=a@1,b@1", "f etc/x", "f " + DB + "=a@1,b@1,c@1"),
            List.of(DB + " a@1 L1", DB + " b@1 L1", DB + " c@1 L3")),
        Arguments.of("upgraded package starts at the upgrading layer",
            List.of("f " + DB + "=a@1,b@1", "f " + DB + "=a@2,b@1"),
            List.of(DB + " a@2 L2", DB + " b@1 L1")),
        Arguments.of("package DB deleted by a whiteout disappears",
            List.of("f " + DB + "=a@1", "w " + DB),
            List.of()),
        Arguments.of("whiteout of a parent directory deletes the DB",
            List.of("f " + DB + "=a@1", "w var/lib"),
            List.of()),
        Arguments.of("opaque directory hides a lower DB",
            List.of("f " + DB + "=a@1", "o var/lib/dpkg; d var/lib/dpkg"),
            List.of()),
        Arguments.of("opaque directory with the layer's own DB: a package present throughout keeps its layer",
            List.of("f " + DB + "=a@1", "o var/lib/dpkg; d var/lib/dpkg; f " + DB + "=a@1,b@1"),
            List.of(DB + " a@1 L1", DB + " b@1 L2")),
        Arguments.of("opaque root hides everything below",
            List.of("f " + DB + "=a@1", "o /; f app/x.jar=x@1"),
            List.of("app/x.jar x@1 L2")),
        Arguments.of("removed then re-added package starts again",
            List.of("f " + DB + "=a@1", "w " + DB, "f " + DB + "=a@1"),
            List.of(DB + " a@1 L3")),
        Arguments.of("package missing from one rewrite starts again",
            List.of("f " + DB + "=a@1,b@1", "f " + DB + "=b@1", "f " + DB + "=a@1,b@1"),
            List.of(DB + " a@1 L3", DB + " b@1 L1")),
        Arguments.of("a file replacing a directory deletes what was under it",
            List.of("d opt/app; f opt/app/x.jar=x@1", "f opt/app"),
            List.of()),
        Arguments.of("a symlink replacing a directory deletes what was under it",
            List.of("d opt/app; f opt/app/x.jar=x@1", "l opt/app"),
            List.of()),
        Arguments.of("a file overwritten without results loses the old results",
            List.of("f app/x.jar=x@1", "f app/x.jar"),
            List.of()),
        Arguments.of("re-declaring a directory keeps its content",
            List.of("d var/lib/dpkg; f " + DB + "=a@1", "d var/lib/dpkg; d var"),
            List.of(DB + " a@1 L1")),
        Arguments.of("whiteout of a sibling with a common prefix keeps the other",
            List.of("f usr/lib/foo.jar=f@1; f usr/lib/foo/x.jar=g@1; f usr/lib/foo", "w usr/lib/foo"),
            List.of("usr/lib/foo.jar f@1 L1")),
        Arguments.of("same package in two locations has two origins",
            List.of("f app/a.jar=x@1", "f app/b.jar=x@1"),
            List.of("app/a.jar x@1 L1", "app/b.jar x@1 L2")),
        Arguments.of("no layers, no packages", List.of(), List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void appliesLayers(String name, List<String> specs, List<String> expected) {
    assertThat(describe(LayerApplier.apply(layers(specs.toArray(String[]::new))))).containsExactlyElementsOf(expected);
  }

  @Test
  void finalPathsFollowWhiteoutsOpaqueDirsAndOverwrites() {
    AppliedImage image = LayerApplier.apply(layers(
        "d etc; f etc/motd; d opt; d opt/app; d opt/app/cache; f opt/app/cache/a.txt; f opt/app/cache/b.txt; f opt/app/secret.txt; fu usr/bin/su",
        "w etc/motd; w opt/app/secret.txt; o opt/app/cache; d opt/app/cache; f opt/app/cache/c.txt",
        "f opt/app/conf/app.conf=conf@v2"));
    assertThat(image.paths().keySet()).containsExactly(
        "etc", "opt", "opt/app", "opt/app/cache", "opt/app/cache/c.txt", "opt/app/conf/app.conf", "usr/bin/su");
    assertThat(image.paths().get("usr/bin/su")).isEqualTo("fu");
    assertThat(image.results().get("fake")).containsOnlyKeys("opt/app/conf/app.conf");
    assertThat(image.layerCount()).isEqualTo(3);
    assertThat(image.uncompressedBytes()).isEqualTo(300);
    assertThat(image.skipped()).extracting(Skip::where).containsExactly("layer 0", "layer 1", "layer 2");
  }

  @Test
  void osFactsComeFromTheFinalView() {
    OsInfo alpine = new OsInfo("alpine", "3.20.3", null);
    LayerResult base = new LayerResult(diffId(0), Map.of("os", Map.of("etc/alpine-release", AnalysisResult.ofOs(alpine),
        "etc/os-release", AnalysisResult.ofOs(alpine))), Map.of("etc/alpine-release", "f", "etc/os-release", "f"),
        List.of(), List.of(), List.of(), 1);
    LayerResult top = new LayerResult(diffId(1), Map.of(), Map.of(), List.of("etc/os-release"), List.of(), List.of(), 1);
    assertThat(LayerApplier.apply(List.of(base, top)).osByPath()).containsOnlyKeys("etc/alpine-release");
  }

  @Test
  void resultsForPathsTheLayerDoesNotHoldAreIgnored() {
    LayerResult odd = new LayerResult(diffId(0), Map.of("fake", Map.of("ghost", AnalysisResult.ofPackages(
        List.of(FakeAnalyzer.pkg("g", "1", "ghost"))))), Map.of(), List.of(), List.of(), List.of(), 1);
    assertThat(LayerApplier.apply(List.of(odd)).packages()).isEmpty();
  }
}
