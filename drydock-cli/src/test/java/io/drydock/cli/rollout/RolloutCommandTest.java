package io.drydock.cli.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.drydock.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RolloutCommandTest {
  @TempDir Path dir;
  final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
  final StringWriter err = new StringWriter();

  int run(String... args) {
    return Main.run(args, new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8), new PrintWriter(err, true));
  }

  Path service(String socket) throws Exception {
    Path f = dir.resolve("service.yaml");
    Files.writeString(f, "service: web\nimage: localhost/app:1\nrouter: {backend: be, socket: " + socket + "}\n");
    return f;
  }

  @ParameterizedTest
  @ValueSource(strings = {"up", "rollout start", "rollout status", "rollout promote", "rollout abort", "rollout undo", "rollout history"})
  void everyCommandHasHelpWithExitCodes(String command) {
    String[] args = (command + " --help").split(" ");
    assertThat(run(args)).isZero();
    assertThat(out.toString()).contains("Usage: drydock " + command).contains("Exit codes:");
  }

  @Test
  void rolloutHelpDocumentsTheFlags() {
    assertThat(run("rollout", "start", "--help")).isZero();
    assertThat(out.toString()).contains("--state-dir", "--engine-host", "--image", "--wait", "--timeout");
  }

  @Test
  void missingServiceFileIsUsage() {
    assertThat(run("rollout", "start")).isEqualTo(2);
    assertThat(err.toString()).contains("Missing required parameter: 'SERVICE-FILE'");
  }

  @Test
  void badTimeoutIsUsage() throws Exception {
    assertThat(run("rollout", "start", service("/nonexistent").toString(), "--timeout", "soon")).isEqualTo(2);
    assertThat(err.toString()).contains("'soon' is not a duration");
  }

  @Test
  void invalidServiceFileNamesTheLine() throws Exception {
    Path f = dir.resolve("bad.yaml");
    Files.writeString(f, "service: web\nimage: localhost/app:1\nreplicas: 99\nrouter: {backend: be, socket: /x}\n");
    assertThat(run("up", f.toString())).isEqualTo(3);
    assertThat(err.toString().strip()).isEqualTo("drydock: bad.yaml:3: replicas must be 1..32");
  }

  @Test
  void missingEngineSocketIsUnreachable() throws Exception {
    assertThat(run("up", service("/nonexistent/haproxy.sock").toString(), "--engine-host", "unix://" + dir.resolve("no.sock"),
        "--state-dir", dir.toString())).isEqualTo(6);
    assertThat(err.toString()).contains("Tried to connect to the container engine").contains("no such socket")
        .doesNotContain("Exception");
  }

  @Test
  void historyOfAnUndeployedServiceIsEmpty() throws Exception {
    assertThat(run("rollout", "history", service("/x").toString(), "--state-dir", dir.toString())).isZero();
    assertThat(out.toString()).startsWith("REV");
  }
}
