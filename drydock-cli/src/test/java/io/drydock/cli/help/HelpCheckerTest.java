package io.drydock.cli.help;

import static org.assertj.core.api.Assertions.assertThat;

import io.drydock.cli.Main;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class HelpCheckerTest {

  @Test
  void everyCommandOfDrydockHasAWholeOneLineSummaryExamplesAndExitCodes() {
    assertThat(HelpChecker.problems(() -> new CommandLine(new Main()))).isEmpty();
  }

  @Command(name = "tool", description = "Does things.", subcommands = {Cut.class, Good.class, TwoSentences.class, Wide.class})
  static final class Tool {}

  @Command(name = "cut", description = {"Find the known vulnerabilities of an image's packages in the",
      "vulnerability DB."}, footer = {"Examples:", "  tool good"}, exitCodeList = " 0:ok")
  static final class Cut implements Callable<Integer> {
    @Override
    public Integer call() {
      return 0;
    }
  }

  @Command(name = "good", header = "Scan an image (e.g. alpine:3.20) for known vulnerabilities.",
      description = "Longer text that may run over", footer = {"Examples:", "  tool good"}, exitCodeList = " 0:ok")
  static final class Good implements Callable<Integer> {
    @Override
    public Integer call() {
      return 0;
    }
  }

  @Command(name = "two", header = "Scan an image. Then fail.", footer = {"Examples:", "  tool two --no-such-flag"}, exitCodeList = " 0:ok")
  static final class TwoSentences implements Callable<Integer> {
    @Override
    public Integer call() {
      return 0;
    }
  }

  @Command(name = "wide", header = "Scan the image for vulnerabilities and report them in the chosen output format.")
  static final class Wide implements Callable<Integer> {
    @Override
    public Integer call() {
      return 0;
    }
  }

  @Test
  void theCheckerFailsOnACutSummaryTwoSentencesAWideLineAndMissingSections() {
    assertThat(HelpChecker.problems(() -> new CommandLine(new Tool()))).containsExactly(
        "tool cut: summary is cut mid-sentence: 'Find the known vulnerabilities of an image's packages in the'",
        "tool two: summary is more than one sentence: 'Scan an image. Then fail.'",
        "tool two --help: 'tool two --no-such-flag': Unknown option: '--no-such-flag'",
        "tool wide: summary is 87 columns wide in 'tool --help', more than 80: "
            + "'Scan the image for vulnerabilities and report them in the chosen output format.'",
        "tool wide: no Examples section",
        "tool wide: no Exit codes section");
  }
}
