package io.drydock.scan.analyzer.ruby;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.drydock.model.Package;
import io.drydock.model.PackageType;
import io.drydock.model.Skip;
import io.drydock.scan.analyzer.AnalysisResult;
import io.drydock.scan.analyzer.LangFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Gemspecs of installed gems and Bundler lockfiles, on real upstream files (see the resources' README). */
class RubyAnalyzersTest {
  private static final String DIR = "/io/drydock/scan/analyzer/ruby/";
  private final GemspecAnalyzer gemspec = new GemspecAnalyzer();
  private final GemfileLockAnalyzer lock = new GemfileLockAnalyzer();

  @ParameterizedTest
  @CsvSource({
      "usr/local/bundle/specifications/rss-0.2.9.gemspec, true",
      "usr/lib/ruby/gems/3.1.0/specifications/default/abbrev-0.1.0.gemspec, true",
      "var/lib/gems/3.1.0/specifications/rack-2.2.3.gemspec, true",
      "app/rss.gemspec, false",
      "usr/local/bundle/gems/rss-0.2.9/rss.gemspec, false",
      "usr/local/bundle/specifications/rss-0.2.9.gemspec.orig, false"})
  void gemspecPaths(String path, boolean wanted) {
    assertThat(LangFixture.wants(gemspec, path)).isEqualTo(wanted);
  }

  @ParameterizedTest
  @CsvSource({"app/Gemfile.lock, true", "Gemfile.lock, true", "srv/gems.locked, true", "app/Gemfile, false",
      "app/Gemfile.lock.bak, false"})
  void lockfilePaths(String path, boolean wanted) {
    assertThat(LangFixture.wants(lock, path)).isEqualTo(wanted);
  }

  @ParameterizedTest
  @CsvSource({
      "rss-0.2.9.gemspec, rss, 0.2.9, BSD-2-Clause",
      "yaml-0.2.1.gemspec, yaml, 0.2.1, Ruby",
      "debian-libruby3.1-rexml-3.2.5.gemspec, rexml, 3.2.5, BSD-2-Clause"})
  void installedGemspecs(String file, String name, String version, String license) throws IOException {
    String path = "usr/local/bundle/specifications/" + file;
    AnalysisResult r = LangFixture.analyze(gemspec, path, DIR + file);
    assertThat(r.skipped()).isEmpty();
    assertThat(r.packages()).singleElement().satisfies(p -> {
      assertThat(p.type()).isEqualTo(PackageType.GEM);
      assertThat(p.name()).isEqualTo(name);
      assertThat(p.version()).isEqualTo(version);
      assertThat(p.purl()).isEqualTo("pkg:gem/" + name + "@" + version);
      assertThat(p.location()).isEqualTo(path);
      assertThat(p.licenses()).contains(license);
    });
  }

  @Test
  void gemspecsWithoutLiteralNameAndVersionAreSkippedWithAReason() throws IOException {
    for (String file : List.of("empty.gemspec", "version_constant.gemspec")) {
      AnalysisResult r = LangFixture.analyze(gemspec, "specifications/" + file, DIR + file);
      assertThat(r.packages()).as(file).isEmpty();
      assertThat(r.skipped()).extracting(Skip::reason).containsExactly("gemspec without a literal s.name and s.version");
    }
    // A truncated gemspec still has rubygems' stub line, which names the gem.
    AnalysisResult truncated = LangFixture.analyze(gemspec, "specifications/invalid.gemspec", DIR + "invalid.gemspec");
    assertThat(truncated.packages()).extracting(Package::name, Package::version).containsExactly(tuple("rss", "0.2.9"));
  }

  @Test
  void railsLockfileGivesEveryGemOfTheGemSectionOnce() throws IOException {
    AnalysisResult r = LangFixture.analyze(lock, "app/Gemfile.lock", DIR + "rails.lock");
    assertThat(r.skipped()).isEmpty();
    assertThat(r.packages()).hasSize(46).allSatisfy(p -> {
      assertThat(p.type()).isEqualTo(PackageType.GEM);
      assertThat(p.location()).isEqualTo("app/Gemfile.lock");
    });
    assertThat(r.packages()).extracting(Package::name, Package::version)
        .contains(tuple("actionpack", "7.0.2.2"), tuple("rack", "2.2.3"), tuple("zeitwerk", "2.5.4"));
    // nokogiri is locked as 1.13.3-x86_64-linux: the platform is not part of the version.
    assertThat(r.packages()).filteredOn(p -> p.name().equals("nokogiri"))
        .extracting(Package::version).containsExactly("1.13.3");
  }

  @Test
  void gitAndPathGemsAreSkippedAsNotPublished() throws IOException {
    AnalysisResult git = LangFixture.analyze(lock, "Gemfile.lock", DIR + "has-git-gem.lock");
    assertThat(git.packages()).extracting(Package::name, Package::version)
        .containsExactly(tuple("concurrent-ruby", "1.1.7"), tuple("rack", "2.2.3"), tuple("transproc", "1.1.1"));
    assertThat(git.skipped()).extracting(Skip::where, Skip::reason).containsExactly(
        tuple("Gemfile.lock:hanami-controller", "gem from a GIT source, not a published RubyGems version"),
        tuple("Gemfile.lock:hanami-utils", "gem from a GIT source, not a published RubyGems version"));
    AnalysisResult path = LangFixture.analyze(lock, "Gemfile.lock", DIR + "has-local-gem.lock");
    assertThat(path.skipped()).extracting(Skip::where).containsExactly("Gemfile.lock:backbone-on-rails");
    assertThat(path.packages()).extracting(Package::name).contains("actionpack").doesNotContain("backbone-on-rails");
  }

  @Test
  void malformedLockfilesAreSkippedNotThrown() throws IOException {
    AnalysisResult invalid = LangFixture.analyze(lock, "Gemfile.lock", DIR + "invalid.lock");
    assertThat(invalid.packages()).isEmpty();
    assertThat(invalid.skipped()).extracting(Skip::reason).containsExactly("unparsable spec line in GEM: invalid-name");
    AnalysisResult garbage = LangFixture.analyze(lock, "Gemfile.lock", "\u0000\u00ff{not a lockfile".getBytes(StandardCharsets.ISO_8859_1));
    assertThat(garbage.packages()).isEmpty();
    assertThat(garbage.skipped()).extracting(Skip::reason).containsExactly("not a Bundler lockfile: no GEM section");
  }

  @Test
  void oversizedFilesAreNotRead() throws IOException {
    var entry = new io.drydock.image.layer.LayerEntry("Gemfile.lock", io.drydock.image.layer.LayerEntry.Type.FILE,
        GemfileLockAnalyzer.MAX_BYTES + 1, 0644, null, 0, 0);
    AnalysisResult r = lock.analyze(new io.drydock.scan.analyzer.AnalysisInput(entry, java.io.InputStream.nullInputStream()));
    assertThat(r.packages()).isEmpty();
    assertThat(r.skipped()).singleElement().extracting(Skip::reason).asString().contains("larger than");
  }
}
