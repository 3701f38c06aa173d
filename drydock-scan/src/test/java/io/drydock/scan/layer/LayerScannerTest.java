package io.drydock.scan.layer;

import io.drydock.image.layer.Tars;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drydock.image.layer.LayerEntry;
import io.drydock.image.layer.LayerLimits;
import io.drydock.image.layer.LayerWalker;
import io.drydock.model.Digest;
import io.drydock.model.DrydockException;
import io.drydock.model.Skip;
import io.drydock.scan.analyzer.AnalysisInput;
import io.drydock.scan.analyzer.AnalysisResult;
import io.drydock.scan.analyzer.Analyzer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;

class LayerScannerTest {

  static final byte[] LAYER = Tars.tar(out -> {
    Tars.dir(out, "lib/apk/db");
    Tars.file(out, "lib/apk/db/installed", "musl@1.2.5-r0\nbusybox@1.36.1-r29\n");
    Tars.file(out, "etc/os-release", "os=alpine:3.20.3\n");
    Tars.file(out, "etc/broken", "boom\n");
    Tars.file(out, "etc/empty", "nothing here\n");
    Tars.file(out, "bin/bbsuid", "x", 04755);
    Tars.link(out, "bin/sh", "/bin/busybox", TarConstants.LF_SYMLINK);
    Tars.file(out, "etc/.wh.motd", "");
    Tars.file(out, "opt/cache/.wh..wh..opq", "");
    Tars.file(out, "../escape", "x");
  });

  @Test
  void dispatchesEachFileToTheAnalyzersThatWantIt() throws IOException {
    FakeAnalyzer apk = new FakeAnalyzer("apk", 1, p -> p.equals("lib/apk/db/installed"));
    FakeAnalyzer os = new FakeAnalyzer("os", 1, p -> p.startsWith("etc/"));
    FakeAnalyzer both = new FakeAnalyzer("both", 1, p -> p.equals("lib/apk/db/installed"));
    LayerResult result = LayerScanner.of(List.of(apk, os, both))
        .scan(new ByteArrayInputStream(Tars.gzip(LAYER)), Tars.diffId(LAYER), n -> {});

    assertThat(apk.seen).containsExactly("lib/apk/db/installed=33");
    assertThat(both.seen).containsExactly("lib/apk/db/installed=33");
    assertThat(os.seen).containsExactly("etc/os-release=17", "etc/broken=5", "etc/empty=13");
    assertThat(result.results()).containsOnlyKeys("apk", "both", "os");
    assertThat(result.results().get("apk").get("lib/apk/db/installed").packages())
        .extracting(p -> p.name() + "@" + p.version()).containsExactly("musl@1.2.5-r0", "busybox@1.36.1-r29");
    assertThat(result.results().get("os")).containsOnlyKeys("etc/os-release");
    assertThat(result.paths()).containsEntry("bin/bbsuid", "fu").containsEntry("bin/sh", "l")
        .containsEntry("lib/apk/db", "d").doesNotContainKeys("etc/motd", "opt/cache");
    assertThat(result.whiteouts()).containsExactly("etc/motd");
    assertThat(result.opaqueDirs()).containsExactly("opt/cache");
    assertThat(result.uncompressedBytes()).isEqualTo(LAYER.length);
    assertThat(result.skipped()).extracting(Skip::reason)
        .containsExactly("path escapes the root", "os failed: cannot parse line 1");
  }

  @Test
  void aFileTooLargeToShareGoesToTheFirstAnalyzerOnly() throws IOException {
    FakeAnalyzer first = new FakeAnalyzer("first", 1, p -> p.equals("lib/apk/db/installed"));
    FakeAnalyzer second = new FakeAnalyzer("second", 1, p -> p.equals("lib/apk/db/installed"));
    LayerResult result = new LayerScanner(List.of(first, second), LayerWalker.withDefaults(), 10)
        .scan(new ByteArrayInputStream(LAYER), Tars.diffId(LAYER), n -> {});
    assertThat(first.seen).containsExactly("lib/apk/db/installed=33");
    assertThat(second.seen).isEmpty();
    assertThat(result.skipped()).extracting(Skip::reason).contains(
        "second: file of 33 bytes is too large to share between analyzers (limit 10)");
  }

  @Test
  void aBombStopsTheScanEvenWhenTheAnalyzerSwallowsErrors() {
    byte[] bomb = Tars.compressedZeros(32L << 20, out -> new GZIPOutputStream(out, 1 << 16));
    Analyzer swallowing = new Analyzer() {
      @Override
      public String name() {
        return "swallowing";
      }

      @Override
      public int version() {
        return 1;
      }

      @Override
      public boolean isRequired(LayerEntry entry) {
        return true;
      }

      @Override
      public AnalysisResult analyze(AnalysisInput input) {
        try {
          input.content().readAllBytes();
        } catch (IOException | RuntimeException e) {
          // a careless analyzer
        }
        return AnalysisResult.EMPTY;
      }
    };
    Digest any = Digest.sha256(new byte[0]);
    LayerScanner scanner = new LayerScanner(List.of(swallowing),
        LayerWalker.of(LayerLimits.DEFAULT.withMaxUncompressedBytes(8L << 20)), 1 << 20);
    assertThatThrownBy(() -> scanner.scan(new ByteArrayInputStream(bomb), any, n -> {}))
        .isInstanceOf(DrydockException.class)
        .hasMessage("Tried to read layer " + any + " but failed because: it expands to more than 8388608 bytes (the limit per layer)");
  }

  @Test
  void analyzerNamesMustBeUnique() {
    FakeAnalyzer a = new FakeAnalyzer("same", 1, p -> true);
    FakeAnalyzer b = new FakeAnalyzer("same", 2, p -> true);
    assertThatThrownBy(() -> LayerScanner.of(List.of(a, b))).isInstanceOf(IllegalArgumentException.class);
  }
}
