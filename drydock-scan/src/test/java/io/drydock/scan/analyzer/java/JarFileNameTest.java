package io.drydock.scan.analyzer.java;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JarFileNameTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(nullValues = "-", value = {
      "app/lib/log4j-core-2.14.1.jar, log4j-core, 2.14.1",
      "commons-lang3-3.12.0.jar, commons-lang3, 3.12.0",
      "log4j-1.2-api-2.17.1.jar, log4j-1.2-api, 2.17.1",
      "guava-31.1-jre.jar, guava, 31.1-jre",
      "netty-common-4.1.86.Final.jar, netty-common, 4.1.86.Final",
      "foo-1.0-SNAPSHOT.war, foo, 1.0-SNAPSHOT",
      "x!/BOOT-INF/lib/spring-core-5.3.17.jar, spring-core, 5.3.17",
      "app.jar, app, -",
      "README.txt, -, -",
      "'weird name.jar', -, -"})
  void parse(String path, String artifactId, String version) {
    var parsed = JarFileName.parse(path);
    if (artifactId == null) {
      assertThat(parsed).isEmpty();
    } else {
      assertThat(parsed).contains(new JarFileName(artifactId, version));
    }
  }
}
