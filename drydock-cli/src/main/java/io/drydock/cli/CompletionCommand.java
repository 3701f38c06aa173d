package io.drydock.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code drydock completion bash|zsh}: the shell completion script, from picocli's generator. */
@Command(
    name = "completion",
    header = "Print the shell completion script for bash or zsh.",
    footer = {"", "Examples:",
        "  source <(drydock completion bash)",
        "  drydock completion bash > /etc/bash_completion.d/drydock",
        "  drydock completion zsh > \"${fpath[1]}/_drydock\""},
    mixinStandardHelpOptions = true,
    description = {
      "Completes commands, subcommands, options and option values (formats, severities) of the drydock command",
      "line. The script is generated from the same command model as --help, so it never lists a flag that does",
      "not exist. The same script serves zsh: it enables zsh's bashcompinit itself."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {" 0:Script printed.", " 2:Usage error (a shell other than bash or zsh)."})
final class CompletionCommand implements Callable<Integer> {

  /** Shells the generated script works in. */
  enum Shell { bash, zsh }

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "SHELL", description = "bash or zsh.")
  Shell shell;

  @Override
  public Integer call() {
    // one script for both: under zsh it loads bashcompinit itself
    Main.stdout(spec).print(AutoComplete.bash("drydock", spec.root().commandLine()));
    Main.stdout(spec).flush();
    return 0;
  }
}
