package io.drydock.scan.analyzer.php;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.drydock.image.layer.LayerEntry;
import io.drydock.model.Package;
import io.drydock.model.PackageType;
import io.drydock.model.Skip;
import io.drydock.scan.analyzer.AnalysisInput;
import io.drydock.scan.analyzer.AnalysisResult;
import io.drydock.scan.analyzer.LangFixture;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** installed.json (Composer 1 and 2 forms) and composer.lock, on real upstream files (see the resources' README). */
class ComposerAnalyzerTest {
  private static final String DIR = "/io/drydock/scan/analyzer/php/";
  private final ComposerAnalyzer analyzer = new ComposerAnalyzer();

  @ParameterizedTest
  @CsvSource({"var/www/vendor/composer/installed.json, true", "vendor/composer/installed.json, true",
      "app/composer.lock, true", "composer.lock, true", "app/composer.json, false",
      "var/www/vendor/composer/installed.php, false", "app/installed.json, false"})
  void paths(String path, boolean wanted) {
    assertThat(LangFixture.wants(analyzer, path)).isEqualTo(wanted);
  }

  @Test
  void composerOneInstalledJsonIsAnArrayOfPackages() throws IOException {
    AnalysisResult r = LangFixture.analyze(analyzer, "var/www/vendor/composer/installed.json", DIR + "osurasp-v1.installed.json");
    assertThat(r.skipped()).isEmpty();
    assertThat(r.packages()).extracting(Package::name, Package::version, Package::purl).containsExactly(
        tuple("bogdaan/viber-bot-php", "0.0.12", "pkg:composer/bogdaan/viber-bot-php@0.0.12"),
        tuple("guzzlehttp/guzzle", "6.3.3", "pkg:composer/guzzlehttp/guzzle@6.3.3"),
        tuple("guzzlehttp/promises", "v1.3.1", "pkg:composer/guzzlehttp/promises@v1.3.1"),
        tuple("guzzlehttp/psr7", "1.5.2", "pkg:composer/guzzlehttp/psr7@1.5.2"),
        tuple("psr/http-message", "1.0.1", "pkg:composer/psr/http-message@1.0.1"),
        tuple("ralouphie/getallheaders", "2.0.5", "pkg:composer/ralouphie/getallheaders@2.0.5"),
        tuple("whatsapp/chat-api", "v3.2.0.1", "pkg:composer/whatsapp/chat-api@v3.2.0.1"));
    assertThat(r.packages()).allSatisfy(p -> {
      assertThat(p.type()).isEqualTo(PackageType.COMPOSER);
      assertThat(p.location()).isEqualTo("var/www/vendor/composer/installed.json");
    });
    assertThat(r.packages().get(6).licenses()).containsExactly("GPL-3.0+");
  }

  @Test
  void composerTwoInstalledJsonIsAnObjectWithPackages() throws IOException {
    AnalysisResult r = LangFixture.analyze(analyzer, "vendor/composer/installed.json", DIR + "trivy-happy.installed.json");
    assertThat(r.skipped()).isEmpty();
    assertThat(r.packages()).extracting(Package::name, Package::version)
        .containsExactly(tuple("pear/log", "1.13.3"), tuple("pear/pear_exception", "v1.0.2"));
    AnalysisResult integration =
        LangFixture.analyze(analyzer, "vendor/composer/installed.json", DIR + "trivy-integration.installed.json");
    assertThat(integration.packages()).extracting(Package::name, Package::version).containsExactly(
        tuple("guzzlehttp/psr7", "1.8.3"), tuple("psr/http-message", "1.1"), tuple("ralouphie/getallheaders", "3.0.3"));
  }

  @Test
  void lockfilesGiveThePackagesButNotTheDevelopmentOnes() throws IOException {
    assertThat(LangFixture.analyze(analyzer, "app/composer.lock", DIR + "trivy-happy.composer.lock").packages())
        .extracting(Package::name, Package::version)
        .containsExactly(tuple("pear/log", "1.13.3"), tuple("pear/pear_exception", "v1.0.2"));
    assertThat(LangFixture.analyze(analyzer, "app/composer.lock", DIR + "trivy-with-dev.composer.lock").packages())
        .extracting(Package::name, Package::version).containsExactly(tuple("psr/log", "1.1.4"));
    assertThat(LangFixture.analyze(analyzer, "app/composer.lock", DIR + "trivy-integration.composer.lock").packages())
        .extracting(Package::name, Package::version)
        .containsExactly(tuple("guzzlehttp/guzzle", "7.4.4"), tuple("guzzlehttp/psr7", "1.8.3"));
  }

  @Test
  void malformedFilesAreSkippedWithAReason() throws IOException {
    AnalysisResult lock = LangFixture.analyze(analyzer, "composer.lock", DIR + "trivy-sad.composer.lock");
    assertThat(lock.packages()).isEmpty();
    assertThat(lock.skipped()).singleElement().extracting(Skip::reason).asString().startsWith("invalid composer.lock: ");
    AnalysisResult installed = LangFixture.analyze(analyzer, "vendor/composer/installed.json", DIR + "trivy-sad.installed.json");
    assertThat(installed.skipped()).singleElement().extracting(Skip::reason).asString().startsWith("invalid installed.json: ");
    // A composer.lock is never an array (only installed.json of Composer 1 is).
    AnalysisResult array = LangFixture.analyze(analyzer, "composer.lock", DIR + "osurasp-v1.installed.json");
    assertThat(array.skipped()).extracting(Skip::reason).containsExactly("composer.lock without a packages list");
    LayerEntry huge = new LayerEntry("composer.lock", LayerEntry.Type.FILE, ComposerAnalyzer.MAX_BYTES + 1, 0644, null, 0, 0);
    assertThat(analyzer.analyze(new AnalysisInput(huge, java.io.InputStream.nullInputStream())).skipped())
        .singleElement().extracting(Skip::reason).asString().contains("larger than");
  }
}
