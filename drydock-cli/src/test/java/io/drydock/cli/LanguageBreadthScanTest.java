package io.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drydock scan dir:ROOTFS} end to end for the Ruby, Rust, PHP and .NET analyzers: real upstream lockfiles
 * and manifests placed where they sit in an image, real OSV records of each ecosystem imported, and exactly the
 * findings those records imply.
 */
class LanguageBreadthScanTest {
  private static final String ANALYZERS = "/io/drydock/scan/analyzer/";

  @TempDir Path tmp;

  private Path db() throws IOException {
    Path made = tmp.resolve("breadth.sqlite");
    if (Files.exists(made)) {
      return made;
    }
    Path osv = Files.createDirectories(tmp.resolve("osv"));
    for (String record : List.of("RubyGems/GHSA-mm33-5vfq-3mm3.json", "crates.io/RUSTSEC-2021-0003.json",
        "crates.io/RUSTSEC-2019-0012.json", "crates.io/RUSTSEC-2020-0071.json", "Packagist/GHSA-q7rv-6hp3-vh96.json",
        "NuGet/GHSA-5crp-9r3c-p9vr.json")) {
      ScanFixtures.resource("/advisories/lang-breadth/" + record, osv.resolve(record).getParent());
    }
    return ScanFixtures.importDb(Clock.systemUTC(), tmp.resolve("breadth.sqlite"), osv);
  }

  private void place(Path root, String resource, String path) throws IOException {
    Path target = root.resolve(path);
    Files.createDirectories(target.getParent());
    try (var in = java.util.Objects.requireNonNull(getClass().getResourceAsStream(ANALYZERS + resource), resource)) {
      Files.copy(in, target);
    }
  }

  private Set<String> findings(Path root) throws IOException {
    return findings("dir:" + root);
  }

  private Set<String> findings(String target) throws IOException {
    Cli cli = Cli.run("scan", "--cache-dir", tmp.resolve("cache").toString(), "--db", db().toString(), "--format", "json",
        target);
    assertThat(cli.exitCode()).as(cli.err()).isZero();
    Set<String> out = new TreeSet<>();
    for (JsonNode f : ScanFixtures.JSON.readTree(cli.out()).get("findings")) {
      List<String> fixed = new ArrayList<>();
      f.get("fixedVersions").forEach(v -> fixed.add(v.asText()));
      for (JsonNode adv : f.get("advisoryIds")) {
        out.add(f.get("ecosystem").asText() + "|" + f.get("package").get("name").asText() + "|"
            + f.get("package").get("version").asText() + "|" + adv.asText() + "|" + String.join(",", fixed));
      }
    }
    return out;
  }

  @Test
  void railsGemfileLockAndAnInstalledGemspecGiveTheActionPackAdvisory() throws IOException {
    Path root = Files.createDirectories(tmp.resolve("rootfs"));
    place(root, "ruby/rails.lock", "srv/app/Gemfile.lock");
    place(root, "ruby/rss-0.2.9.gemspec", "usr/local/bundle/specifications/rss-0.2.9.gemspec");
    assertThat(findings(root)).containsExactly("RubyGems|actionpack|7.0.2.2|GHSA-mm33-5vfq-3mm3|7.0.2.4");
  }

  @Test
  void cargoLockfilesGiveTheTimeAdvisoryAndNotTheSmallvecOnesForTheFixedVersion() throws IOException {
    Path root = Files.createDirectories(tmp.resolve("rootfs"));
    place(root, "rust/rust-lang-cargo-2017.Cargo.lock", "src/cargo/Cargo.lock");
    // smallvec 0.6.14 is the fixed version of RUSTSEC-2021-0003 and past RUSTSEC-2019-0012's range: no finding.
    place(root, "rust/real-rust-project.Cargo.lock", "src/real/Cargo.lock");
    place(root, "rust/uses_serde_json", "usr/local/bin/uses_json");
    Files.setPosixFilePermissions(root.resolve("usr/local/bin/uses_json"), PosixFilePermissions.fromString("rwxr-xr-x"));
    Set<String> found = findings(root);
    assertThat(found).hasSize(1).first().asString().startsWith("crates.io|time|0.1.37|RUSTSEC-2020-0071|");
  }

  @Test
  void composerOneInstalledJsonAndAComposerLockGiveThePsr7Advisory() throws IOException {
    Path root = Files.createDirectories(tmp.resolve("rootfs"));
    place(root, "php/osurasp-v1.installed.json", "var/www/vendor/composer/installed.json");
    place(root, "php/trivy-integration.composer.lock", "srv/app/composer.lock");
    // guzzlehttp/guzzle 6.3.3 and 7.4.4 are in the same files: the record names psr7 only.
    assertThat(findings(root)).containsExactly(
        "Packagist|guzzlehttp/psr7|1.5.2|GHSA-q7rv-6hp3-vh96|1.8.4",
        "Packagist|guzzlehttp/psr7|1.8.3|GHSA-q7rv-6hp3-vh96|1.8.4");
  }

  @Test
  void depsJsonAndPackagesLockGiveTheNewtonsoftAdvisoryButNotForTheFixedVersion() throws IOException {
    Path root = Files.createDirectories(tmp.resolve("rootfs"));
    place(root, "dotnet/datacollector.deps.json", "app/datacollector.deps.json");
    place(root, "dotnet/integration.packages.lock.json", "src/api/packages.lock.json");
    place(root, "dotnet/happy.deps.json", "srv/example/ExampleApp1.deps.json"); // Newtonsoft.Json 13.0.1, the fix
    assertThat(findings(root)).containsExactly(
        "NuGet|Newtonsoft.Json|12.0.3|GHSA-5crp-9r3c-p9vr|13.0.1",
        "NuGet|Newtonsoft.Json|9.0.1|GHSA-5crp-9r3c-p9vr|13.0.1");
  }

  @Test
  void aCycloneDxSbomWrittenByDrydockOfAllFourGivesTheSameFindingsAsTheDirectory() throws IOException {
    Path root = Files.createDirectories(tmp.resolve("rootfs"));
    place(root, "ruby/rails.lock", "srv/app/Gemfile.lock");
    place(root, "rust/rust-lang-cargo-2017.Cargo.lock", "src/cargo/Cargo.lock");
    place(root, "php/osurasp-v1.installed.json", "var/www/vendor/composer/installed.json");
    place(root, "dotnet/datacollector.deps.json", "app/datacollector.deps.json");
    Set<String> fromDir = findings(root);
    assertThat(fromDir).hasSize(4);
    Path sbom = tmp.resolve("rootfs.cdx.json");
    Cli made = Cli.run("sbom", "--cache-dir", tmp.resolve("cache").toString(), "--format", "cyclonedx", "--output",
        sbom.toString(), "dir:" + root);
    assertThat(made.exitCode()).as(made.err()).isZero();
    assertThat(Files.readString(sbom)).contains("pkg:gem/actionpack@7.0.2.2", "pkg:cargo/time@0.1.37",
        "pkg:composer/guzzlehttp/psr7@1.5.2", "pkg:nuget/Newtonsoft.Json@9.0.1");
    assertThat(findings(sbom.toString())).isEqualTo(fromDir);
  }
}
