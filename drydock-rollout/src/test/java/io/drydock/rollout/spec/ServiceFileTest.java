package io.drydock.rollout.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import io.drydock.rollout.spec.MetricProvider.HaproxyStat;
import io.drydock.rollout.spec.RolloutStrategy.Canary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServiceFileTest {

  static String resource(String name) throws IOException {
    try (InputStream in = ServiceFileTest.class.getResourceAsStream("/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void readsEverySection() throws IOException {
    ServiceSpec s = ServiceFile.parse(resource("service.yaml"), "service.yaml");
    assertThat(s.name()).isEqualTo("web");
    assertThat(s.image().toString()).isEqualTo("localhost/drydock-testapp:2");
    assertThat(s.replicas()).isEqualTo(2);
    assertThat(s.container().env()).containsEntry("GREETING", "hello");
    assertThat(s.container().memoryBytes()).isEqualTo(256L * 1024 * 1024);
    assertThat(s.container().nanoCpus()).isEqualTo(500_000_000L);
    assertThat(s.container().stopGrace()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.network()).isEqualTo(new NetworkSettings("host", 21000, 21029));
    assertThat(s.healthCheck().probe()).isEqualTo(new HealthCheck.Http("/healthz"));
    assertThat(s.healthCheck().interval()).isEqualTo(Duration.ofMillis(500));
    assertThat(s.healthCheck().rise()).isEqualTo(2);
    assertThat(s.router()).isEqualTo(new RouterSpec("fe_web", "be_web", "/run/haproxy/admin.sock"));
    assertThat(s.progressDeadline()).isEqualTo(Duration.ofSeconds(90));
    Canary c = (Canary) s.strategy();
    assertThat(c.scaleDownDelay()).isEqualTo(Duration.ofSeconds(20));
    assertThat(c.steps()).containsExactly(new RolloutStrategy.SetWeight(20),
        new RolloutStrategy.Pause(Duration.ofSeconds(30)), new RolloutStrategy.Analysis(List.of("errors")),
        new RolloutStrategy.SetWeight(50), new RolloutStrategy.Pause(null));
    assertThat(s.smokeTests()).hasSize(2);
    assertThat(s.smokeTests().get(0).successCondition().text()).isEqualTo("result >= 200 && result < 400");
    List<Metric> metrics = s.metricsOf(List.of("errors"));
    assertThat(metrics).extracting(Metric::name).containsExactly("error-rate", "latency", "script");
    assertThat(metrics.get(0).provider()).isEqualTo(new MetricProvider.Haproxy(HaproxyStat.ERROR_RATE, Duration.ofSeconds(5)));
    assertThat(metrics.get(0).failureLimit()).isEqualTo(1);
    assertThat(metrics.get(1).consecutiveErrorLimit()).isEqualTo(2);
    assertThat(metrics.get(1).inconclusiveLimit()).isEqualTo(2);
    assertThat(metrics.get(2).provider()).isEqualTo(new MetricProvider.Command(List.of("sh", "-c", "echo 1"), Duration.ofSeconds(30)));
    assertThat(metrics.get(2).effectiveCount()).isEqualTo(1);
  }

  @Test
  void defaultsToBlueGreenWithTcpCheck() {
    ServiceSpec s = ServiceFile.parse("""
        service: api
        image: alpine:3.20
        router: {backend: be_api, socket: 127.0.0.1:9999}
        """, "api.yaml");
    assertThat(s.strategy()).isEqualTo(new RolloutStrategy.BlueGreen(true, Duration.ZERO, List.of(), List.of(),
        Duration.ofSeconds(30), 0));
    assertThat(s.healthCheck().probe()).isInstanceOf(HealthCheck.Tcp.class);
    assertThat(s.network().host()).isTrue();
    assertThat(s.analysisTemplates()).isEqualTo(Map.of());
  }

  private static final String BASE = """
      service: web
      image: localhost/app:1
      router: {backend: be, socket: /tmp/s}
      """;

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      weight over 100      | strategy: {canary: {steps: [{setWeight: 20}, {setWeight: 120}]}}        | service.yaml:4: strategy.canary.steps[1].setWeight must be 0..100
      unknown key          | stratgy: {}                                                             | service.yaml:4: stratgy is not a known key
      bad duration         | strategy: {canary: {steps: [{pause: {duration: soon}}]}}                | service.yaml:4: strategy.canary.steps[0].pause.duration must be a duration
      two strategies       | strategy: {canary: {steps: []}, blueGreen: {}}                          | service.yaml:4: strategy must have exactly one of blueGreen, canary
      missing template     | strategy: {blueGreen: {prePromotionAnalysis: [nope]}}                   | service.yaml:4: strategy.blueGreen.prePromotionAnalysis names analysis template 'nope'
      bad condition        | smokeTests: [{name: a, provider: {http: {path: /}}, successCondition: 'result <'}] | service.yaml:4: smokeTests[0].successCondition condition ends too early
      replicas not int     | replicas: many                                                          | service.yaml:4: replicas must be an integer 1..32
      port range too small | 'network: {portRange: 30000-30001}'                                     | service.yaml:4: network.portRange holds 2 ports; 3 are needed
      interval no count    | 'analysisTemplates: {t: {metrics: [{name: m, interval: 5s, provider: {haproxy: {stat: errorRate}}}]}}' | service.yaml:4: analysisTemplates.t.metrics[0].count is required with interval
      bad stat             | 'analysisTemplates: {t: {metrics: [{name: m, provider: {haproxy: {stat: p99}}}]}}' | service.yaml:4: analysisTemplates.t.metrics[0].provider.haproxy.stat must be errorRate
      two probes           | 'healthCheck: {tcp: {}, http: {path: /}}'                               | service.yaml:4: healthCheck must have only one of http, tcp, command
      reserved label       | 'container: {labels: {io.drydock.role: x}}'                             | service.yaml:4: container: label 'io.drydock.role' is reserved
      bad memory           | 'container: {resources: {memory: lots}}'                                | service.yaml:4: container.resources.memory must be a size
      """)
  void reportsLineAndPath(String name, String extra, String expected) {
    assertThatThrownBy(() -> ServiceFile.parse(BASE + extra.replace("'network:", "network:") + "\n", "service.yaml"))
        .isInstanceOfSatisfying(DrydockException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
          assertThat(e.getMessage()).startsWith(expected).doesNotContain("\n");
        });
  }

  @Test
  void reportsTheLineOfANestedValue() {
    String yaml = BASE + """
        strategy:
          canary:
            steps:
              - setWeight: 10
              - setWeight: 101
        """;
    assertThatThrownBy(() -> ServiceFile.parse(yaml, "service.yaml"))
        .hasMessage("service.yaml:8: strategy.canary.steps[1].setWeight must be 0..100");
  }

  @Test
  void collectsSeveralErrorsOnOneLine() {
    assertThatThrownBy(() -> ServiceFile.parse("service: Web!\nimage: 'UPPER::'\nreplicas: 0\n", "s.yaml"))
        .hasMessageContaining("s.yaml:2: image")
        .hasMessageContaining("s.yaml:3: replicas must be 1..32")
        .hasMessageContaining("s.yaml:1: router is required");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      '- a'                          | must be a mapping
      'a: [1'                        | not valid YAML
      'a: 1\na: 2'                   | duplicate key 'a'
      """)
  void refusesMalformedYaml(String yaml, String expected) {
    assertThatThrownBy(() -> ServiceFile.parse(yaml.replace("\\n", "\n"), "x.yaml"))
        .isInstanceOf(DrydockException.class).hasMessageContaining(expected);
  }

  @Test
  void refusesDeepNestingWithoutCrashing() {
    String deep = "a: " + "[".repeat(5000) + "]".repeat(5000);
    assertThatThrownBy(() -> ServiceFile.parse(deep, "x.yaml")).isInstanceOf(DrydockException.class)
        .hasMessageContaining("not valid YAML");
  }

  @ParameterizedTest
  @CsvSource({"500ms,PT0.5S", "30s,PT30S", "5m,PT5M", "1h,PT1H", "12,PT12S"})
  void parsesDurations(String text, Duration expected) {
    assertThat(ServiceFile.parseDuration(text)).isEqualTo(expected);
  }
}
