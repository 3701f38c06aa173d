package io.drydock.scan.analyzer.dpkg;

import static io.drydock.scan.analyzer.ospkg.Fixtures.entry;
import static io.drydock.scan.analyzer.ospkg.Fixtures.input;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drydock.image.layer.LayerEntry;
import io.drydock.model.Package;
import io.drydock.model.PackageType;
import io.drydock.scan.analyzer.AnalysisResult;
import io.drydock.scan.analyzer.ospkg.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DpkgAnalyzerTest {
  private static final String DIR = "/io/drydock/scan/analyzer/dpkg/";
  private final DpkgAnalyzer analyzer = new DpkgAnalyzer();

  @ParameterizedTest
  @CsvSource({
      "var/lib/dpkg/status,FILE,true",
      "var/lib/dpkg/status,SYMLINK,false",
      "var/lib/dpkg/status-old,FILE,false",
      "var/lib/dpkg/status.d/libc6,FILE,true",
      "var/lib/dpkg/status.d/libc6.md5sums,FILE,false",
      "var/lib/dpkg/status.d/,FILE,false",
      "var/lib/dpkg/status.d/sub/x,FILE,false",
      "var/lib/dpkg/available,FILE,false",
      "usr/var/lib/dpkg/status,FILE,false"})
  void isRequired(String path, LayerEntry.Type type, boolean required) {
    assertThat(analyzer.isRequired(entry(path, type))).isEqualTo(required);
  }

  /** Trivy's valid.txtar (Ubuntu 18.04, 91 stanzas): 90 installed packages as Trivy's test lists them. */
  @Test
  void trivyValidFixtureMatchesExpectedJson() throws IOException {
    Map<String, String> files = Fixtures.txtar(Fixtures.text(DIR + "valid.txtar"));
    String status = files.get("var/lib/dpkg/status");
    AnalysisResult r = analyze("var/lib/dpkg/status", status);

    JsonNode expected = new ObjectMapper().readTree(Fixtures.bytes(DIR + "valid.txtar.expected.json"));
    List<String> want = new ArrayList<>();
    for (JsonNode p : expected) {
      want.add(String.join("|",
          p.path("Name").asText(),
          debVersion(p.path("Epoch").asInt(0), p.path("Version").asText(), p.path("Release").asText("")),
          p.path("SrcName").asText(),
          debVersion(p.path("SrcEpoch").asInt(0), p.path("SrcVersion").asText(), p.path("SrcRelease").asText("")),
          p.path("Arch").asText()));
    }
    List<String> got = r.packages().stream()
        .map(p -> String.join("|", p.name(), p.version(), p.sourceNameOrName(), p.sourceVersionOrVersion(), p.arch()))
        .toList();
    assertThat(want).hasSize(90);
    assertThat(got).containsExactlyInAnyOrderElementsOf(want);
    assertThat(r.skipped()).isEmpty();
    assertThat(r.packages()).allSatisfy(p -> {
      assertThat(p.type()).isEqualTo(PackageType.DEB);
      assertThat(p.location()).isEqualTo("var/lib/dpkg/status");
      assertThat(p.licenses()).isEmpty();
      assertThat(p.purl()).startsWith("pkg:deb/debian/" + io.drydock.model.PackageUrl.encode(p.name()) + "@");
    });
  }

  private static String debVersion(int epoch, String version, String release) {
    return (epoch > 0 ? epoch + ":" : "") + version + (release.isEmpty() ? "" : "-" + release);
  }

  @Test
  void epochAndSourceWithVersion() throws IOException {
    Package p = analyze("var/lib/dpkg/status", """
        Package: libgcc1
        Status: install ok installed
        Architecture: amd64
        Source: gcc-8 (8-20180414-1ubuntu2)
        Version: 1:8-20180414-1ubuntu2

        """).packages().get(0);
    assertThat(p.version()).isEqualTo("1:8-20180414-1ubuntu2");
    assertThat(p.sourceName()).isEqualTo("gcc-8");
    assertThat(p.sourceVersion()).isEqualTo("8-20180414-1ubuntu2");
    assertThat(p.purl()).isEqualTo(
        "pkg:deb/debian/libgcc1@8-20180414-1ubuntu2?arch=amd64&epoch=1&upstream=gcc-8%408-20180414-1ubuntu2");
  }

  @Test
  void trivyCorruptedFixture_brokenStanzasAreSkipsTheRestIsKept() throws IOException {
    String status = Fixtures.txtar(Fixtures.text(DIR + "corrupsed.txtar")).get("var/lib/dpkg/status");
    AnalysisResult r = analyze("var/lib/dpkg/status", status);
    assertThat(r.packages()).extracting(Package::name)
        .containsExactly("libpam-runtime", "libpam-modules-bin", "makedev", "libgcc1");
    assertThat(r.skipped()).extracting(s -> s.where().replaceAll(":\\d+", ""))
        .containsExactly(
            "var/lib/dpkg/status (brokenPackageWithNoVersionThatShouldGetThrownOut)",
            "var/lib/dpkg/status (invalidpkg)");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      install ok installed        | true
      hold ok installed           | true
      deinstall ok config-files   | false
      deinstall ok installed      | false
      purge ok not-installed      | false
      install ok half-configured  | false
      install reinstreq installed | false
      install ok unpacked         | false
      install  ok   installed     | true
      ''                          | false
      """)
  void installedStates(String status, boolean installed) {
    assertThat(DpkgAnalyzer.isInstalled(status)).isEqualTo(installed);
  }

  @Test
  void distrolessStatusD_stanzasWithoutStatusCount() throws IOException {
    AnalysisResult r = analyzer.analyze(input("var/lib/dpkg/status.d/libssl3", """
        Package: libssl3
        Version: 3.0.15-1~deb12u1
        Architecture: amd64
        Source: openssl

        Package: openssl
        Version: 3.0.15-1~deb12u1
        Architecture: amd64
        """.getBytes(StandardCharsets.UTF_8)));
    assertThat(r.packages()).extracting(Package::name, Package::sourceNameOrName, Package::location)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("libssl3", "openssl", "var/lib/dpkg/status.d/libssl3"),
            org.assertj.core.groups.Tuple.tuple("openssl", "openssl", "var/lib/dpkg/status.d/libssl3"));
    assertThat(r.skipped()).isEmpty();
    // ... but in the main status file a stanza without Status is malformed.
    AnalysisResult main = analyze("var/lib/dpkg/status", "Package: x1\nVersion: 1\n");
    assertThat(main.packages()).isEmpty();
    assertThat(main.skipped()).singleElement().satisfies(s -> assertThat(s.reason()).contains("Status"));
  }

  @Test
  void hostile_garbageTruncatedAndHugeInputsAreSkipsNotCrashes() throws IOException {
    // Binary garbage: one malformed "stanza".
    byte[] garbage = new byte[100_000];
    new java.util.Random(42).nextBytes(garbage);
    AnalysisResult g = analyzer.analyze(input("var/lib/dpkg/status", garbage));
    assertThat(g.packages()).isEmpty();
    assertThat(g.skipped()).isNotEmpty();

    // Truncated in the middle of a stanza: the complete ones are kept, the cut one has no Version.
    String full = Fixtures.text(DIR + "debian-bookworm-minbase.dpkg-status");
    String cut = full.substring(0, full.indexOf("Version:", full.length() / 2));
    AnalysisResult t = analyze("var/lib/dpkg/status", cut);
    assertThat(t.packages()).hasSizeGreaterThan(10);
    assertThat(t.skipped()).singleElement().satisfies(s -> assertThat(s.reason()).contains("Version"));

    // A 50 MB Description line and a 50 MB Version line: bounded buffer, the first kept, the second skipped.
    AnalysisResult longLines = analyzer.analyze(new io.drydock.scan.analyzer.AnalysisInput(
        io.drydock.scan.analyzer.ospkg.Fixtures.file("var/lib/dpkg/status", 0),
        new java.io.SequenceInputStream(java.util.Collections.enumeration(List.of(
            stream("Package: a1\nStatus: install ok installed\nVersion: 1\nDescription: "),
            new RepeatingStream('x', 50_000_000),
            stream("\n\nPackage: b1\nStatus: install ok installed\nVersion: 1"),
            new RepeatingStream('1', 50_000_000),
            stream("\n"))))));
    assertThat(longLines.packages()).extracting(Package::name).containsExactly("a1");
    assertThat(longLines.skipped()).singleElement().satisfies(s -> assertThat(s.reason()).contains("longer than"));
  }

  private static InputStream stream(String s) {
    return new java.io.ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code n} copies of one byte, without holding them in memory. */
  static final class RepeatingStream extends InputStream {
    private final int b;
    private long left;

    RepeatingStream(char b, long n) {
      this.b = b;
      this.left = n;
    }

    @Override
    public int read() {
      if (left <= 0) {
        return -1;
      }
      left--;
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) {
      if (left <= 0) {
        return -1;
      }
      int n = (int) Math.min(len, left);
      java.util.Arrays.fill(buf, off, off + n, (byte) b);
      left -= n;
      return n;
    }
  }

  private AnalysisResult analyze(String path, String content) throws IOException {
    return analyzer.analyze(input(path, content.getBytes(StandardCharsets.UTF_8)));
  }
}
