package io.drydock.scan.analyzer.golang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.drydock.image.layer.LayerEntry;
import io.drydock.model.Package;
import io.drydock.model.PackageType;
import io.drydock.scan.analyzer.AnalysisInput;
import io.drydock.scan.analyzer.AnalysisResult;
import io.drydock.scan.testfixtures.OciArchiveFixture;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoBinaryAnalyzerTest {
  private static final String MODINFO = "path\texample.com/app\nmod\texample.com/app\tv1.4.0\th1:abc=\n"
      + "dep\tgithub.com/a/b\tv1.0.0\th1:x=\n"
      + "dep\tgolang.org/x/net\tv0.0.0-20220722155237-a158d28d115b\th1:y=\n=>\tgithub.com/fork/net\tv0.7.0\th1:z=\n"
      + "build\t-compiler=gc\n";
  private final GoBinaryAnalyzer analyzer = new GoBinaryAnalyzer();

  private AnalysisResult analyze(String path, byte[] bytes, long claimedSize) throws IOException {
    LayerEntry entry = new LayerEntry(path, LayerEntry.Type.FILE, claimedSize, 0755, null, 0, 0);
    assertThat(analyzer.isRequired(entry)).isTrue();
    return analyzer.analyze(new AnalysisInput(entry, new OciArchiveFixture.NonClosing(new ByteArrayInputStream(bytes))));
  }

  private AnalysisResult analyze(byte[] bytes) throws IOException {
    return analyze("usr/local/bin/app", bytes, bytes.length);
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = GoBinaryAnalyzerTest.class.getResourceAsStream(name)) {
      return in.readAllBytes();
    }
  }

  @Test
  void realGo119BinaryGivesItsReplacedDependencyAndStdlib() throws IOException {
    // built by src/test/resources/go/README.md; `go version -m` says: mod example.com/hello (devel),
    // dep example.com/greet v1.2.3 => ../greet (devel)
    byte[] binary = resource("/go/hello-linux-amd64");

    AnalysisResult r = analyze("usr/local/bin/hello", binary, binary.length);

    assertThat(r.skipped()).isEmpty();
    assertThat(r.packages()).allSatisfy(p -> {
      assertThat(p.type()).isEqualTo(PackageType.GOLANG);
      assertThat(p.location()).isEqualTo("usr/local/bin/hello");
    });
    assertThat(r.packages())
        .extracting(Package::name, Package::version, Package::purl)
        .containsExactly(
            tuple("example.com/greet", "v1.2.3", "pkg:golang/example.com/greet@v1.2.3"),
            tuple("stdlib", "v1.19.8", "pkg:golang/stdlib@v1.19.8"));
  }

  @Test
  void syntheticBinaryWithVersionedMainAndNonLocalReplacement() throws IOException {
    ElfBuilder elf = new ElfBuilder();
    elf.payload = ElfBuilder.buildInfo("go1.22.5 X:boringcrypto", MODINFO, true);

    AnalysisResult r = analyze(elf.build());

    assertThat(r.packages())
        .extracting(Package::name, Package::version, Package::purl)
        .containsExactly(
            tuple("example.com/app", "v1.4.0", "pkg:golang/example.com/app@v1.4.0"),
            tuple("github.com/a/b", "v1.0.0", "pkg:golang/github.com/a/b@v1.0.0"),
            tuple("github.com/fork/net", "v0.7.0", "pkg:golang/github.com/fork/net@v0.7.0"),
            tuple("stdlib", "v1.22.5", "pkg:golang/stdlib@v1.22.5"));
  }

  @ParameterizedTest(name = "64-bit={0} big-endian={1}")
  @CsvSource({"true, false", "true, true", "false, false", "false, true"})
  void everyElfClassAndByteOrder(boolean is64, boolean bigEndian) throws IOException {
    ElfBuilder elf = new ElfBuilder();
    elf.is64 = is64;
    elf.bigEndian = bigEndian;
    byte[] padding = new byte[48]; // magic further into the segment, still 16-aligned
    byte[] info = ElfBuilder.buildInfo("go1.21.0", "mod\tm\tv1.0.0\t\n", true);
    elf.payload = ByteBuffer.allocate(padding.length + info.length).put(padding).put(info).array();

    assertThat(analyze(elf.build()).packages()).extracting(Package::name).containsExactly("m", "stdlib");
  }

  @Test
  void misalignedMagicIsNotBuildInfo() throws IOException {
    ElfBuilder elf = new ElfBuilder();
    byte[] info = ElfBuilder.buildInfo("go1.21.0", MODINFO, true);
    elf.payload = ByteBuffer.allocate(8 + info.length).put(new byte[8]).put(info).array();

    assertThat(analyze(elf.build())).isEqualTo(AnalysisResult.EMPTY);
  }

  @Test
  void executableSegmentIsNotSearched() throws IOException {
    ElfBuilder elf = new ElfBuilder();
    elf.segmentFlags = 7; // RWX
    elf.payload = ElfBuilder.buildInfo("go1.21.0", MODINFO, true);

    assertThat(analyze(elf.build())).isEqualTo(AnalysisResult.EMPTY);
  }

  @Test
  void pre118PointerFormatIsASkip() throws IOException {
    ElfBuilder elf = new ElfBuilder();
    elf.payload = ElfBuilder.buildInfo("", "", false);

    AnalysisResult r = analyze(elf.build());

    assertThat(r.packages()).isEmpty();
    assertThat(r.skipped()).singleElement()
        .satisfies(s -> assertThat(s.reason()).isEqualTo("Go build info in the pre-1.18 pointer format is not supported"));
  }

  @Test
  void nonElfExecutablesAndNonGoElfGiveNothing() throws IOException {
    assertThat(analyze("#!/bin/sh\necho hello, this is a shell script\nexit 0\n".repeat(3)
        .getBytes(StandardCharsets.US_ASCII))).isEqualTo(AnalysisResult.EMPTY);
    ElfBuilder cProgram = new ElfBuilder();
    cProgram.payload = "plain C data, no Go here".repeat(100).getBytes(StandardCharsets.US_ASCII);
    assertThat(analyze(cProgram.build())).isEqualTo(AnalysisResult.EMPTY);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource({"0644, FILE, 1000, false", "0755, FILE, 1000, true", "0700, FILE, 1000, true",
      "0755, FILE, 10, false", "0755, SYMLINK, 1000, false", "0755, DIRECTORY, 1000, false"})
  void isRequiredForExecutableFilesOnly(String mode, LayerEntry.Type type, long size, boolean required) {
    LayerEntry e = new LayerEntry("bin/x", type, size, Integer.parseInt(mode, 8), null, 0, 0);
    assertThat(analyzer.isRequired(e)).isEqualTo(required);
  }

  // ---- hostile ELF ----

  @Test
  void truncatedRealBinaryWhoseSizeLiesIsASkip() throws IOException {
    byte[] binary = resource("/go/hello-linux-amd64");
    byte[] head = Arrays.copyOf(binary, 4096); // program headers fit, the data segment does not

    AnalysisResult r = analyze("bin/hello", head, binary.length);

    assertThat(r.packages()).isEmpty();
    assertThat(r.skipped()).singleElement().satisfies(s -> assertThat(s.reason()).startsWith("invalid ELF: truncated"));
  }

  @Test
  void realBinaryCutInsideTheBuildInfoIsASkip() throws IOException {
    byte[] binary = resource("/go/hello-linux-amd64");
    byte[] cut = Arrays.copyOf(binary, 0x110000 + 40); // .go.buildinfo is at file offset 0x110000

    AnalysisResult r = analyze("bin/hello", cut, cut.length);

    assertThat(r.skipped()).singleElement().satisfies(s -> assertThat(s.reason()).startsWith("invalid ELF: truncated"));
  }

  @Test
  void programHeaderCountThatDoesNotFitTheFileIsASkip() throws IOException {
    ElfBuilder elf = new ElfBuilder();
    elf.payload = ElfBuilder.buildInfo("go1.21.0", MODINFO, true);
    byte[] bytes = elf.build();
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putShort(56, (short) 0xffff); // e_phnum

    AnalysisResult r = analyze(bytes);

    assertThat(r.skipped()).singleElement()
        .satisfies(s -> assertThat(s.reason()).startsWith("invalid ELF: program headers do not fit the file"));
  }

  @Test
  void programHeaderOffsetBeyondTheFileIsASkip() throws IOException {
    ElfBuilder elf = new ElfBuilder();
    elf.phoffOverride = Long.MAX_VALUE - 10;
    elf.payload = new byte[16];

    assertThat(analyze(elf.build()).skipped()).singleElement()
        .satisfies(s -> assertThat(s.reason()).startsWith("invalid ELF: program headers do not fit"));
  }

  @Test
  void wrongProgramHeaderEntrySizeIsASkip() throws IOException {
    ElfBuilder elf = new ElfBuilder();
    elf.phentsize = 7;
    elf.payload = new byte[16];

    assertThat(analyze(elf.build()).skipped()).singleElement()
        .satisfies(s -> assertThat(s.reason()).startsWith("invalid ELF: program headers do not fit"));
  }

  @Test
  void segmentLargerThanTheFileIsClippedNotTrusted() throws IOException {
    ElfBuilder elf = new ElfBuilder();
    elf.segmentFileSizeOverride = Long.MAX_VALUE;
    elf.payload = ElfBuilder.buildInfo("go1.21.0", "mod\tm\tv1.0.0\t\n", true);

    assertThat(analyze(elf.build()).packages()).extracting(Package::name).containsExactly("m", "stdlib");
  }

  @Test
  void hugeStringLengthIsASkipNotAnAllocation() throws IOException {
    ElfBuilder elf = new ElfBuilder();
    byte[] header = Arrays.copyOf(ElfBuilder.buildInfo("", "", true), 32);
    // version length varint 0xffffffff (5 bytes), no data behind it
    elf.payload = ByteBuffer.allocate(64).put(header).put(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff,
        (byte) 0xff, 0x0f}).array();

    AnalysisResult r = analyze(elf.build());

    assertThat(r.skipped()).singleElement()
        .satisfies(s -> assertThat(s.reason()).isEqualTo("invalid ELF: Go build info string of 4294967295 bytes exceeds 1024"));
  }

  @Test
  void unknownElfClassIsASkip() throws IOException {
    byte[] bytes = new ElfBuilder().build();
    bytes[4] = 9;

    assertThat(analyze(bytes).skipped()).singleElement()
        .satisfies(s -> assertThat(s.reason()).isEqualTo("invalid ELF: unknown ELF class 9"));
  }

  @Test
  void executableOverTheCapIsASkipWithoutReading() throws IOException {
    LayerEntry entry = new LayerEntry("bin/huge", LayerEntry.Type.FILE, GoBinaryAnalyzer.MAX_BYTES + 1, 0755, null, 0, 0);
    InputStream mustNotBeRead = new InputStream() {
      @Override
      public int read() {
        throw new AssertionError("read an executable over the cap");
      }
    };

    AnalysisResult r = analyzer.analyze(new AnalysisInput(entry, mustNotBeRead));

    assertThat(r.skipped()).singleElement().satisfies(s -> assertThat(s.reason()).contains("larger than"));
  }
}
