package io.drydock.scan.analyzer.rpm;

import static io.drydock.scan.analyzer.ospkg.Fixtures.entry;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drydock.image.layer.LayerEntry;
import io.drydock.model.Package;
import io.drydock.model.PackageType;
import io.drydock.scan.analyzer.AnalysisInput;
import io.drydock.scan.analyzer.AnalysisResult;
import io.drydock.scan.analyzer.ospkg.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RpmAnalyzerTest {
  static final String DIR = "/io/drydock/scan/analyzer/rpm/";

  @TempDir Path tmp;

  @ParameterizedTest
  @CsvSource({
      "var/lib/rpm/Packages,FILE,true", "var/lib/rpm/Packages.db,FILE,true", "var/lib/rpm/rpmdb.sqlite,FILE,true",
      "usr/lib/sysimage/rpm/Packages.db,FILE,true", "usr/lib/sysimage/rpm/rpmdb.sqlite,FILE,true",
      "usr/share/rpm/rpmdb.sqlite,FILE,true", "var/lib/rpm/Packages,SYMLINK,false", "var/lib/rpm/Name,FILE,false",
      "var/lib/rpm/rpmdb.sqlite-shm,FILE,false", "x/var/lib/rpm/Packages,FILE,false", "var/lib/rpm/sub/Packages,FILE,false"})
  void isRequired(String path, LayerEntry.Type type, boolean required) {
    assertThat(new RpmAnalyzer(tmp).isRequired(entry(path, type))).isEqualTo(required);
  }

  /** NDB from SLE 15 BCI: all 35 packages as {@code rpm -qa} listed them upstream (go-rpmdb's test case). */
  @Test
  void ndbSle15MatchesExpectedJson() throws IOException {
    AnalysisResult r = analyze("usr/lib/sysimage/rpm/Packages.db", "Packages.db");
    JsonNode expected = new ObjectMapper().readTree(Fixtures.bytes(DIR + "Packages.db.expected.json"));
    List<String> want = new ArrayList<>();
    for (JsonNode p : expected) {
      String epoch = p.path("Epoch").isNull() ? "" : p.path("Epoch").asText() + ":";
      want.add(String.join("|", p.path("Name").asText(),
          epoch + p.path("Version").asText() + "-" + p.path("Release").asText(),
          p.path("Arch").asText(), p.path("SourceRpm").asText(), p.path("License").asText()));
    }
    assertThat(want).hasSize(35);
    assertThat(r.packages())
        .extracting(p -> String.join("|", p.name(), p.version(), p.arch(),
            p.sourceNameOrName() + "-" + p.sourceVersionOrVersion() + ".src.rpm", p.licenses().get(0)))
        .containsExactlyElementsOf(want);
    assertThat(r.skipped()).isEmpty();
    assertThat(r.packages()).filteredOn(p -> p.name().equals("libpcre1")).singleElement().satisfies(p -> {
      assertThat(p.sourceName()).isEqualTo("pcre");
      assertThat(p.sourceVersion()).isNull();
      assertThat(p.purl()).isEqualTo("pkg:rpm/libpcre1@8.45-20.10.1?arch=x86_64&upstream=pcre");
    });
    assertTempDirEmpty();
  }

  @Test
  void sqliteCblMariner_129PackagesAndCurl() throws IOException {
    AnalysisResult r = analyze("var/lib/rpm/rpmdb.sqlite", "rpmdb.sqlite");
    List<String> names = Fixtures.text(DIR + "rpmdb.sqlite.names.txt").lines().filter(l -> !l.isBlank()).toList();
    assertThat(names).hasSize(129);
    assertThat(r.packages()).extracting(Package::name).containsExactlyInAnyOrderElementsOf(names);
    assertThat(r.skipped()).isEmpty();
    assertThat(r.packages()).filteredOn(p -> p.name().equals("curl")).singleElement().satisfies(p -> {
      assertThat(p.version()).isEqualTo("7.76.0-6.cm2");
      assertThat(p.arch()).isEqualTo("x86_64");
      assertThat(p.sourceNameOrName() + "-" + p.sourceVersionOrVersion() + ".src.rpm").isEqualTo("curl-7.76.0-6.cm2.src.rpm");
      assertThat(p.licenses()).containsExactly("MIT");
      assertThat(p.type()).isEqualTo(PackageType.RPM);
    });
    assertThat(r.packages()).filteredOn(p -> p.name().equals("ca-certificates-base")).singleElement()
        .satisfies(p -> assertThat(p.version()).startsWith("1:"))
        .satisfies(p -> assertThat(p.purl()).contains("epoch=1"));
    assertTempDirEmpty();
  }

  @Test
  void berkeleyDbLibuuid() throws IOException {
    AnalysisResult r = analyze("var/lib/rpm/Packages", "Packages");
    assertThat(r.skipped()).isEmpty();
    assertThat(r.packages()).singleElement().satisfies(p -> {
      assertThat(p.name()).isEqualTo("libuuid");
      assertThat(p.version()).isEqualTo("2.32.1-42.el8_8");
      assertThat(p.arch()).isEqualTo("x86_64");
      assertThat(p.sourceName()).isEqualTo("util-linux");
      assertThat(p.sourceNameOrName() + "-" + p.sourceVersionOrVersion() + ".src.rpm")
          .isEqualTo("util-linux-2.32.1-42.el8_8.src.rpm");
      assertThat(p.licenses()).containsExactly("BSD");
      assertThat(p.location()).isEqualTo("var/lib/rpm/Packages");
    });
    assertTempDirEmpty();
  }

  @Test
  void headerTagsBeyondThePackage() throws Exception {
    List<byte[]> blobs = new ArrayList<>();
    Path db = tmp.resolve("Packages");
    Files.write(db, Fixtures.bytes(DIR + "Packages"));
    try (var ch = java.nio.channels.FileChannel.open(db)) {
      BerkeleyDb.read(ch, "x", sink(blobs));
    }
    RpmHeader h = RpmHeader.parse(blobs.get(0));
    assertThat(h.string(RpmHeader.TAG_VENDOR)).isEqualTo("Red Hat, Inc.");
    assertThat(h.hex(RpmHeader.TAG_SIGMD5)).isEqualTo("c1e561f13d39aee443a1f00258fba000");
    assertThat(h.int32(RpmHeader.TAG_EPOCH)).isNull();
    assertThat(h.int32(RpmHeader.TAG_SIZE)).isPositive();
  }

  static BlobSink sink(List<byte[]> blobs) {
    return new BlobSink() {
      @Override
      public void blob(String id, byte[] blob) {
        blobs.add(blob);
      }

      @Override
      public void skip(String id, String reason) {}
    };
  }

  private AnalysisResult analyze(String path, String resource) throws IOException {
    byte[] content = Fixtures.bytes(DIR + resource);
    return new RpmAnalyzer(tmp).analyze(new AnalysisInput(
        new LayerEntry(path, LayerEntry.Type.FILE, content.length, 0644, null, 0, 0), new ByteArrayInputStream(content)));
  }

  private void assertTempDirEmpty() throws IOException {
    try (Stream<Path> s = Files.list(tmp)) {
      assertThat(s).isEmpty();
    }
  }
}
