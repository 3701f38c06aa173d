package io.drydock.image.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegistryHostTest {

  @ParameterizedTest
  @CsvSource({
      "127.0.0.1:5000, 127.0.0.1, true",
      "127.1.2.3, 127.1.2.3, true",
      "localhost:5000, localhost, true",
      "LOCALHOST, LOCALHOST, true",
      "registry.localhost:80, registry.localhost, true",
      "'[::1]:5000', ::1, true",
      "'[::1]', ::1, true",
      "128.0.0.1:5000, 128.0.0.1, false",
      "127.0.0.256, 127.0.0.256, false",
      "10.0.0.1:5000, 10.0.0.1, false",
      "127.0.0.1.nip.io, 127.0.0.1.nip.io, false",
      "localhost.example.com, localhost.example.com, false",
      "'[::2]:5000', ::2, false",
      "docker.io, docker.io, false",
      "ghcr.io, ghcr.io, false",
  })
  void decidesLoopbackFromTheLiteralHost(String registry, String hostname, boolean loopback) {
    RegistryHost host = RegistryHost.of(registry);
    assertThat(host.hostname()).isEqualTo(hostname);
    assertThat(host.isLoopback()).isEqualTo(loopback);
  }

  @ParameterizedTest
  @CsvSource({
      "127.0.0.1:5000, false, https;http",
      "localhost, false, https;http",
      "ghcr.io, false, https",
      "ghcr.io, true, https;http",
      "10.1.1.1:5000, true, https;http",
  })
  void triesHttpsFirstAndHttpOnlyWhenAllowed(String registry, boolean insecure, String schemes) {
    assertThat(RegistryHost.of(registry).schemes(insecure)).isEqualTo(List.of(schemes.split(";")));
  }

  @ParameterizedTest
  @CsvSource({
      "docker.io, registry-1.docker.io",
      "index.docker.io, registry-1.docker.io",
      "ghcr.io, ghcr.io",
      "127.0.0.1:5000, 127.0.0.1:5000",
  })
  void sendsDockerHubToItsApiHost(String registry, String authority) {
    assertThat(RegistryHost.of(registry).apiAuthority()).isEqualTo(authority);
  }
}
