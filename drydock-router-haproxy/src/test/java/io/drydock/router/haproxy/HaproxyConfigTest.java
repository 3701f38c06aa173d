package io.drydock.router.haproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HaproxyConfigTest {

  @Test
  void rendersMasterWorkerAdminSocketAndHitlessDefaults() {
    String cfg = HaproxyConfig.of(Path.of("/run/x/admin.sock"), 8080).render();
    assertThat(cfg).contains(
        "  master-worker\n",
        "  stats socket /run/x/admin.sock mode 600 level admin expose-fd listeners\n",
        "  nbthread 2\n",
        "  option http-server-close\n",
        "  option redispatch 1\n",
        "  retries 3\n",
        "  retry-on conn-failure empty-response\n",
        "  bind 127.0.0.1:8080\n",
        "backend app\n",
        "  balance roundrobin\n",
        "  option httpchk GET /healthz\n",
        "  default-server inter 500ms fall 2 rise 2\n");
    assertThat(cfg).doesNotContain("slowstart", "response-timeout");
  }

  @Test
  void withersChangeOnlyTheirPart() {
    String cfg = HaproxyConfig.of(Path.of("/s.sock"), 9000).withBackend("web").withSlowStart(Duration.ofSeconds(3))
        .withHealthCheck("/ready", Duration.ofMillis(200), 3, 1).render();
    assertThat(cfg).contains("backend web\n", "default_backend web\n", "option httpchk GET /ready\n",
        "default-server inter 200ms fall 1 rise 3 slowstart 3000ms\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"app\nglobal", "a b", "", "x;y"})
  void rejectsBackendNamesThatWouldInjectConfig(String name) {
    HaproxyConfig ok = HaproxyConfig.of(Path.of("/s.sock"), 9000);
    assertThatThrownBy(() -> ok.withBackend(name)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsSocketPathsUnixCannotBind() {
    Path tooLong = Path.of("/" + "d".repeat(120) + "/admin.sock");
    assertThatThrownBy(() -> HaproxyConfig.of(tooLong, 9000)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most 97 bytes");
  }

  @Test
  void rejectsHealthPathWithSpaces() {
    HaproxyConfig ok = HaproxyConfig.of(Path.of("/s.sock"), 9000);
    assertThatThrownBy(() -> ok.withHealthCheck("/a b", Duration.ofSeconds(1), 1, 1)).isInstanceOf(IllegalArgumentException.class);
  }
}
