package io.drydock.scan.analyzer.java;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ManifestRulesTest {

  /** attributes as {@code Key=Value|Key=Value}; expected as {@code g:a:v} or empty. */
  @ParameterizedTest(name = "{0} | {1} -> {2}")
  @CsvSource(delimiter = ';', nullValues = "-", value = {
      // the fixture's spring-beans 5.3.17 MANIFEST, verbatim attributes
      "Implementation-Title=spring-beans|Automatic-Module-Name=spring.beans|Implementation-Version=5.3.17|Created-By=1.8.0_322 (Oracle Corporation); spring-beans-5.3.17.jar; org.springframework:spring-beans:5.3.17",
      "Implementation-Vendor-Id=org.apache.logging.log4j|Implementation-Title=Apache Log4j API|Implementation-Version=2.14.1|Bundle-SymbolicName=org.apache.logging.log4j.api; log4j-api-2.14.1.jar; org.apache.logging.log4j:log4j-api:2.14.1",
      "Bundle-SymbolicName=com.fasterxml.jackson.core.jackson-databind|Bundle-Name=jackson-databind|Bundle-Version=2.9.10|Bundle-Vendor=FasterXML; x.jar; com.fasterxml.jackson.core:jackson-databind:2.9.10",
      "Bundle-SymbolicName=org.yaml.snakeyaml|Bundle-Name=SnakeYAML|Bundle-Version=1.33.0; snakeyaml-1.33.jar; org.yaml:snakeyaml:1.33",
      "Bundle-SymbolicName=org.yaml.snakeyaml|Bundle-Name=SnakeYAML|Bundle-Version=1.33.0; snakeyaml.jar; org.yaml:SnakeYAML:1.33.0",
      "Automatic-Module-Name=com.example.widgets|Implementation-Version=4.2; widgets.jar; com.example:widgets:4.2",
      "Implementation-Title=widgets|Implementation-Version=4.2|Implementation-Vendor=org.example; -; org.example:widgets:4.2",
      "Implementation-Title=widgets|Implementation-Version=4.2|Implementation-Vendor=The Example Foundation; widgets-4.2.jar; -",
      "Specification-Title=widgets|Specification-Version=1.1|Specification-Vendor=org.example; -; org.example:widgets:1.1",
      "Implementation-Title=spring-boot-autoconfigure|Implementation-Version=2.7.0; -; org.springframework.boot:spring-boot-autoconfigure:2.7.0",
      "Implementation-Title=Spring Boot|Implementation-Version=2.7.0; spring-boot-2.7.0.jar; org.springframework.boot:spring-boot:2.7.0",
      "Manifest-Version=1.0; spring-webmvc-5.3.17.jar; org.springframework:spring-webmvc:5.3.17",
      "Manifest-Version=1.0; spring-webmvc.jar; -",
      "Implementation-Title=spring-beans|Implementation-Version=${version}; spring-beans.jar; -",
      "Implementation-Title=x|Implementation-Version=1|Implementation-Vendor-Id=bad id; -; -",
      "Manifest-Version=1.0; -; -",
  })
  void identify(String attributes, String fileName, String expected) {
    Map<String, String> attrs = new LinkedHashMap<>();
    for (String kv : attributes.split("\\|")) {
      int eq = kv.indexOf('=');
      attrs.put(kv.substring(0, eq), kv.substring(eq + 1));
    }
    JarFileName name = fileName == null ? null : JarFileName.parse(fileName).orElseThrow();

    String actual = ManifestRules.identify(attrs, name)
        .map(g -> g.groupId() + ":" + g.artifactId() + ":" + g.version())
        .orElse(null);

    assertThat(actual).isEqualTo(expected);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(nullValues = "-", value = {
      "com.fasterxml.jackson.core.jackson-databind, com.fasterxml.jackson.core",
      "org.yaml.snakeyaml;singleton:=true, org.yaml",
      "spring.beans, -", "single, -", "'', -", ".leading, -"})
  void prefixBeforeLastDot(String name, String expected) {
    assertThat(ManifestRules.prefixBeforeLastDot(name)).isEqualTo(expected);
  }
}
