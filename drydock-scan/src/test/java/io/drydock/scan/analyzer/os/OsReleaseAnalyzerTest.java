package io.drydock.scan.analyzer.os;

import static io.drydock.scan.analyzer.ospkg.Fixtures.entry;
import static io.drydock.scan.analyzer.ospkg.Fixtures.file;
import static io.drydock.scan.analyzer.ospkg.Fixtures.input;
import static org.assertj.core.api.Assertions.assertThat;

import io.drydock.image.layer.LayerEntry;
import io.drydock.model.OsInfo;
import io.drydock.scan.analyzer.AnalysisResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OsReleaseAnalyzerTest {
  private final OsReleaseAnalyzer analyzer = new OsReleaseAnalyzer();

  @ParameterizedTest
  @CsvSource({
      "etc/os-release,FILE,true", "usr/lib/os-release,FILE,true", "etc/os-release,SYMLINK,false",
      "etc/debian_version,FILE,true", "etc/alpine-release,FILE,true", "etc/redhat-release,FILE,true",
      "etc/redhat-release,HARDLINK,false", "etc/SuSE-release,FILE,true", "etc/lsb-release,FILE,true",
      "etc/os-release.d,FILE,false", "x/etc/os-release,FILE,false", "etc/issue,FILE,false",
      "etc/os-release,WHITEOUT,false"})
  void isRequired(String path, LayerEntry.Type type, boolean required) {
    assertThat(analyzer.isRequired(entry(path, type))).isEqualTo(required);
  }

  @Test
  void debianFixture_symlinkedOsReleaseThenMerge() throws IOException {
    // In the image etc/os-release is a symlink to ../usr/lib/os-release: only the target file has content.
    assertThat(analyzer.isRequired(new LayerEntry("etc/os-release", LayerEntry.Type.SYMLINK, 0, 0777,
        "../usr/lib/os-release", 0, 0))).isFalse();
    Map<String, OsInfo> found = new LinkedHashMap<>();
    found.put("usr/lib/os-release", analyze("usr/lib/os-release", bytes("debian-12.os-release")).os());
    found.put("etc/debian_version", analyze("etc/debian_version", bytes("debian-12.debian_version")).os());
    assertThat(found.get("usr/lib/os-release")).isEqualTo(new OsInfo("debian", "12", "Debian GNU/Linux 12 (bookworm)"));
    assertThat(OsDetection.merge(found)).isEqualTo(new OsInfo("debian", "12.15", "Debian GNU/Linux 12 (bookworm)"));
  }

  @Test
  void alpineFixture() throws IOException {
    Map<String, OsInfo> found = new LinkedHashMap<>();
    found.put("etc/alpine-release", analyze("etc/alpine-release", bytes("alpine-3.20.3.alpine-release")).os());
    found.put("etc/os-release", analyze("etc/os-release", bytes("alpine-3.20.3.os-release")).os());
    assertThat(OsDetection.merge(found)).isEqualTo(new OsInfo("alpine", "3.20.3", "Alpine Linux v3.20"));
  }

  @Test
  void garbageAndHugeFilesAreSkips() throws IOException {
    AnalysisResult r = analyze("etc/os-release", new byte[] {0, 1, 2, (byte) 0xff, '\n'});
    assertThat(r.os()).isNull();
    assertThat(r.skipped()).hasSize(1);
    AnalysisResult huge = analyzer.analyze(new io.drydock.scan.analyzer.AnalysisInput(
        file("etc/os-release", 1L << 40), new ByteArrayInputStream(new byte[0])));
    assertThat(huge.os()).isNull();
    assertThat(huge.skipped()).singleElement().satisfies(s -> assertThat(s.reason()).contains("larger than"));
  }

  private AnalysisResult analyze(String path, byte[] content) throws IOException {
    return analyzer.analyze(input(path, content));
  }

  private static byte[] bytes(String name) {
    return io.drydock.scan.analyzer.ospkg.Fixtures.bytes("/io/drydock/scan/analyzer/os/" + name);
  }
}
