package io.drydock.scan.analyzer.rust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.drydock.image.layer.LayerEntry;
import io.drydock.model.Package;
import io.drydock.model.PackageType;
import io.drydock.model.Skip;
import io.drydock.scan.analyzer.AnalysisInput;
import io.drydock.scan.analyzer.AnalysisResult;
import io.drydock.scan.analyzer.LangFixture;
import io.drydock.scan.testfixtures.OciArchiveFixture;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Cargo.lock and cargo-auditable binaries, on real upstream files (see the resources' README). */
class RustAnalyzersTest {
  private static final String DIR = "/io/drydock/scan/analyzer/rust/";
  private final CargoLockAnalyzer lock = new CargoLockAnalyzer();
  private final AuditableBinaryAnalyzer binary = new AuditableBinaryAnalyzer();

  @ParameterizedTest
  @CsvSource({
      "rust-lang-cargo.Cargo.lock, 523, serde_json, 1.0.150",
      "rust-lang-cargo-2017.Cargo.lock, 93, time, 0.1.37",
      "real-rust-project.Cargo.lock, 2, smallvec, 0.6.14",
      "many-packages.lock, 6, syn, 2.0.15",
      "two-packages-with-local.lock, 1, addr2line, 0.15.2",
      "package-with-build-string.lock, 1, wasi, 0.10.2+wasi-snapshot-preview1"})
  void lockfilesGiveEveryCratesIoPackageAndNotTheWorkspaceCrates(String file, int count, String name, String version)
      throws IOException {
    AnalysisResult r = LangFixture.analyze(lock, "src/app/Cargo.lock", DIR + file);
    assertThat(r.skipped()).isEmpty();
    assertThat(r.packages()).hasSize(count).allSatisfy(p -> {
      assertThat(p.type()).isEqualTo(PackageType.CARGO);
      assertThat(p.location()).isEqualTo("src/app/Cargo.lock");
      assertThat(p.purl()).startsWith("pkg:cargo/" + p.name() + "@");
    });
    assertThat(r.packages()).extracting(Package::name, Package::version).contains(tuple(name, version));
    assertThat(r.packages()).extracting(Package::name).doesNotContain("cargo", "cargotest", "local-rust-pkg",
        "real-vuln-rust-project");
  }

  @Test
  void gitAndOtherRegistryCratesAreSkippedWithTheirSource() throws IOException {
    // Pure-logic table case: the source kinds Cargo writes (no real fixture here has a git dependency).
    var root = new TomlMapper().readTree("""
        version = 3
        [[package]]
        name = "gix"
        version = "0.39.0"
        source = "git+https://github.com/Byron/gitoxide?rev=abc#abc"
        [[package]]
        name = "itoa"
        version = "1.0.14"
        source = "sparse+https://index.crates.io/"
        """);
    AnalysisResult r = CargoLockAnalyzer.packages(root, "Cargo.lock");
    assertThat(r.packages()).extracting(Package::name).containsExactly("itoa");
    assertThat(r.skipped()).extracting(Skip::where, Skip::reason)
        .containsExactly(tuple("Cargo.lock:gix", "crate from a git source, not a crates.io version"));
  }

  @Test
  void malformedLockfilesAreSkippedWithAReason() throws IOException {
    AnalysisResult notToml = LangFixture.analyze(lock, "Cargo.lock", DIR + "not-toml.txt");
    assertThat(notToml.packages()).isEmpty();
    assertThat(notToml.skipped()).singleElement().extracting(Skip::reason).asString().startsWith("invalid Cargo.lock: ");
    assertThat(LangFixture.analyze(lock, "Cargo.lock", DIR + "empty.lock")).isEqualTo(AnalysisResult.EMPTY);
    LayerEntry huge = new LayerEntry("Cargo.lock", LayerEntry.Type.FILE, CargoLockAnalyzer.MAX_BYTES + 1, 0644, null, 0, 0);
    assertThat(lock.analyze(new AnalysisInput(huge, java.io.InputStream.nullInputStream())).skipped())
        .singleElement().extracting(Skip::reason).asString().contains("larger than");
  }

  private AnalysisResult runBinary(String path, byte[] bytes) throws IOException {
    LayerEntry entry = new LayerEntry(path, LayerEntry.Type.FILE, bytes.length, 0755, null, 0, 0);
    assertThat(binary.isRequired(entry)).isTrue();
    return binary.analyze(new AnalysisInput(entry, new OciArchiveFixture.NonClosing(new ByteArrayInputStream(bytes))));
  }

  @Test
  void auditableBinaryGivesItsCratesIoDependenciesButNotItself() throws IOException {
    AnalysisResult r = runBinary("usr/local/bin/uses_json", LangFixture.bytes(DIR + "uses_serde_json"));
    assertThat(r.skipped()).isEmpty();
    assertThat(r.packages()).extracting(Package::name, Package::version, Package::purl).containsExactly(
        tuple("itoa", "1.0.14", "pkg:cargo/itoa@1.0.14"),
        tuple("memchr", "2.7.4", "pkg:cargo/memchr@2.7.4"),
        tuple("proc-macro2", "1.0.92", "pkg:cargo/proc-macro2@1.0.92"),
        tuple("quote", "1.0.38", "pkg:cargo/quote@1.0.38"),
        tuple("ryu", "1.0.18", "pkg:cargo/ryu@1.0.18"),
        tuple("serde", "1.0.217", "pkg:cargo/serde@1.0.217"),
        tuple("serde_derive", "1.0.217", "pkg:cargo/serde_derive@1.0.217"),
        tuple("serde_json", "1.0.135", "pkg:cargo/serde_json@1.0.135"),
        tuple("syn", "2.0.95", "pkg:cargo/syn@2.0.95"),
        tuple("unicode-ident", "1.0.14", "pkg:cargo/unicode-ident@1.0.14"));
    assertThat(r.packages()).allSatisfy(p -> assertThat(p.location()).isEqualTo("usr/local/bin/uses_json"));
  }

  @Test
  void binariesWithoutAuditDataOrNotElfGiveNothing() throws IOException {
    assertThat(runBinary("usr/bin/no_deps", LangFixture.bytes(DIR + "no_deps"))).isEqualTo(AnalysisResult.EMPTY);
    assertThat(runBinary("usr/bin/script", LangFixture.bytes(DIR + "not_binary"))).isEqualTo(AnalysisResult.EMPTY);
  }

  @Test
  void corruptAuditDataIsSkippedAndTruncatedElfIsNotACrash() throws IOException {
    byte[] real = LangFixture.bytes(DIR + "uses_serde_json");
    byte[] corrupt = real.clone();
    // The .dep-v0 section of this binary starts at file offset 0x6b0c1 (readelf -S); break its zlib header.
    corrupt[0x6b0c1] = 0;
    corrupt[0x6b0c2] = 0;
    assertThat(runBinary("usr/bin/x", corrupt).skipped()).singleElement().extracting(Skip::reason).asString()
        .startsWith("cargo auditable data is not zlib-compressed");
    // Cut before the section table: not an error of ours (the Go analyzer reports invalid ELF files).
    assertThat(runBinary("usr/bin/x", Arrays.copyOf(real, real.length / 2))).isEqualTo(AnalysisResult.EMPTY);
    assertThat(LangFixture.wants(binary, "usr/bin/x")).isFalse(); // not executable
  }
}
