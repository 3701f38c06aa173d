package io.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompletionCommandTest {

  @Test
  void bashCompletionKnowsTheCommandTreeAndIsValidBash(@TempDir Path tmp) throws Exception {
    Cli cli = Cli.run("completion", "bash");
    assertThat(cli.exitCode()).isZero();
    assertThat(cli.out()).contains("complete -F _complete_drydock")
        .contains("rollout").contains("--severity").contains("--ignore-unfixed");
    Path script = tmp.resolve("drydock.bash");
    Files.writeString(script, cli.out(), StandardCharsets.UTF_8);
    Process bash = new ProcessBuilder("bash", "-n", script.toString()).redirectErrorStream(true).start();
    assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(bash.exitValue()).as(new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
        .isZero();
  }

  @Test
  void anotherShellIsAUsageError() {
    Cli cli = Cli.run("completion", "fish");
    assertThat(cli.exitCode()).isEqualTo(2);
    assertThat(cli.err()).contains("expected one of [bash, zsh]");
  }
}
