package io.drydock.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EngineHostTest {
  @ParameterizedTest
  @CsvSource(nullValues = "null", value = {
      "tcp://h:2375, unix:///run/p.sock, tcp://h:2375",
      "null,         unix:///run/p.sock, unix:///run/p.sock",
      "'  ',         unix:///run/p.sock, unix:///run/p.sock",
      "null,         null,               unix:///var/run/docker.sock",
      "null,         '',                 unix:///var/run/docker.sock"})
  void optionThenDockerHostThenTheDefaultSocket(String option, String dockerHost, String expected) {
    Map<String, String> env = new HashMap<>();
    if (dockerHost != null) {
      env.put("DOCKER_HOST", dockerHost);
    }
    assertThat(EngineHost.resolve(option, env)).isEqualTo(expected);
  }
}
