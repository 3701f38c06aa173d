package io.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Mistakes a new user makes on the command line: exit 2, what was wrong, and picocli's suggestion. */
class TypoTest {

  @Test
  void aMistypedCommandBeforeHelpIsAUsageErrorNotTheRootHelp() {
    Cli cli = Cli.run("scna", "--help");
    assertThat(cli.exitCode()).isEqualTo(2);
    assertThat(cli.out()).isEmpty();
    assertThat(cli.err()).contains("Unmatched argument at index 0: 'scna'").contains("Did you mean: drydock scan");
  }

  @Test
  void aMistypedSubcommandSuggestsTheNearOnes() {
    Cli cli = Cli.run("rollout", "statsu");
    assertThat(cli.exitCode()).isEqualTo(2);
    assertThat(cli.err()).contains("'statsu'").contains("rollout status");
  }

  @Test
  void aMistypedOptionSuggestsTheOption() {
    Cli cli = Cli.run("scan", "--severty", "HIGH", "x.tar");
    assertThat(cli.exitCode()).isEqualTo(2);
    assertThat(cli.err()).contains("--severty").contains("--severity")
        .contains("Try 'drydock scan --help' for more information.");
  }
}
