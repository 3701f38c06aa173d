package io.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

class MainTest {

  static List<List<String>> commands() {
    CommandLine root = new CommandLine(new Main());
    java.util.ArrayList<List<String>> all = new java.util.ArrayList<>();
    all.add(List.of());
    collect(root, List.of(), all);
    return all;
  }

  private static void collect(CommandLine cl, List<String> prefix, List<List<String>> all) {
    for (var e : cl.getSubcommands().entrySet()) {
      if (e.getKey().equals("help")) {
        continue;
      }
      java.util.ArrayList<String> path = new java.util.ArrayList<>(prefix);
      path.add(e.getKey());
      all.add(path);
      collect(e.getValue(), path, all);
    }
  }

  @ParameterizedTest
  @MethodSource("commands")
  void everyCommandHasHelpWithExitCodes(List<String> command) {
    java.util.ArrayList<String> args = new java.util.ArrayList<>(command);
    args.add("--help");
    Cli cli = Cli.run(args.toArray(String[]::new));
    assertThat(cli.exitCode()).isZero();
    assertThat(cli.out()).contains("Usage:").contains("Exit codes:");
  }

  @Test
  void versionNamesDrydock() {
    Cli cli = Cli.run("--version");
    assertThat(cli.exitCode()).isZero();
    assertThat(cli.out()).startsWith("drydock ");
  }

  @Test
  void unknownOptionIsAUsageErrorInOneLinePlusHint() {
    Cli cli = Cli.run("sbom", "--no-such-flag", "x");
    assertThat(cli.exitCode()).isEqualTo(2);
    assertThat(cli.err()).contains("Unknown option").contains("drydock sbom --help").doesNotContain("Exception");
  }

  @Test
  void missingArchiveIsNotFoundWithoutStackTrace() {
    Cli cli = Cli.run("sbom", "--no-cache", "no-such-file.tar");
    assertThat(cli.exitCode()).isEqualTo(4);
    assertThat(cli.err().strip().lines()).hasSize(1);
    assertThat(cli.err()).contains("no such file").doesNotContain("\tat ");
  }
}
