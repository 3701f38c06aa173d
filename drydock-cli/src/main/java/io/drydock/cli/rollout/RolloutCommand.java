package io.drydock.cli.rollout;

import io.drydock.cli.support.Table;
import io.drydock.model.DrydockException;
import io.drydock.model.ImageRef;
import io.drydock.rollout.control.RolloutState;
import io.drydock.rollout.service.RolloutService;
import java.io.PrintWriter;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code drydock rollout start|status|promote|abort|undo|history}. */
@Command(name = "rollout", header = "Roll out a new image by blue/green or canary, without downtime.",
    footer = {"", "Examples:",
        "  drydock up examples/rollout/web.yaml",
        "  drydock rollout start --image 127.0.0.1:5000/drydock-testapp:2 \\",
        "      examples/rollout/web.yaml",
        "  drydock rollout status examples/rollout/web.yaml"},
    mixinStandardHelpOptions = true,
    description = {
      "Zero-downtime rollouts on one Docker/Podman host through HAProxy: blue/green and canary with analysis",
      "and automatic rollback. One drydock process drives a rollout at a time (a file lock in the state dir);",
      "'promote' and 'abort' from another terminal reach it through the state dir."},
    subcommands = {RolloutCommand.Start.class, RolloutCommand.Status.class, RolloutCommand.Promote.class,
      RolloutCommand.Abort.class, RolloutCommand.Undo.class, RolloutCommand.History.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {" 0:Help shown.", " 2:No subcommand given: usage is printed on stderr."})
public final class RolloutCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return 2;
  }

  private static int report(CommandSpec spec, RolloutService.Outcome outcome) {
    StatusPrinter.print(spec.commandLine().getOut(), outcome.state(), outcome.servers());
    return 0;
  }

  @Command(name = "start", header = "Roll out a new image: pin, start, shift traffic, analyse, promote.",
      footer = {"", "Examples:",
          "  drydock rollout start examples/rollout/web.yaml",
          "  drydock rollout start --wait --timeout 10m \\",
          "      --image 127.0.0.1:5000/drydock-testapp:2 examples/rollout/web.yaml"},
      mixinStandardHelpOptions = true, exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {" 0:Done.", " 2:Usage error.", " 3:Invalid input.", " 4:Not found.", " 6:Unreachable.",
        " 8:Rollout aborted: traffic is on the stable revision.", " 9:Conflict."},
      description = {"Rolls out a new image (the service file's, or --image): pins its digest, brings the new side",
        "up without traffic, runs smoke tests, then follows the strategy. Returns when the rollout completed, or",
        "when it pauses for 'drydock rollout promote' (with --wait it keeps waiting for that). The same command",
        "run again after a crash resumes the rollout in progress."})
  static final class Start implements Callable<Integer> {
    @Mixin RolloutOptions options;
    @Spec CommandSpec spec;

    @Option(names = "--image", paramLabel = "REF", description = "Image to roll out instead of the service file's.")
    @Nullable String image;

    @Option(names = "--wait", description = "Wait through pauses for a promote (until --timeout), and for the old side's scale-down.")
    boolean wait;

    @Override
    public Integer call() throws Exception {
      ImageRef ref = null;
      if (image != null) {
        try {
          ref = ImageRef.parse(image);
        } catch (IllegalArgumentException e) {
          throw DrydockException.usage("Tried to read --image but failed because: " + e.getMessage());
        }
      }
      return report(spec, options.service(spec).start(options.serviceFile, ref, options.timeout, wait));
    }
  }

  @Command(name = "status", header = "Print the rollout state and the router's view of the servers.",
      footer = {"", "Examples:",
          "  drydock rollout status examples/rollout/web.yaml",
          "  drydock rollout status --offline examples/rollout/web.yaml"},
      mixinStandardHelpOptions = true, exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {" 0:Printed.", " 3:Invalid service or state file."},
      description = "Prints the rollout state and the router's view of the service's servers. Changes nothing.")
  static final class Status implements Callable<Integer> {
    @Mixin RolloutOptions options;
    @Spec CommandSpec spec;

    @Option(names = "--offline", description = "Do not contact the engine and HAProxy; print the saved state only.")
    boolean offline;

    @Override
    public Integer call() throws Exception {
      RolloutService service = options.service(spec);
      if (offline) {
        StatusPrinter.print(spec.commandLine().getOut(), service.savedState(options.serviceFile), null);
        return 0;
      }
      return report(spec, service.status(options.serviceFile));
    }
  }

  @Command(name = "promote", header = "Continue a paused rollout and drive it on.",
      footer = {"", "Examples:",
          "  drydock rollout promote examples/rollout/web.yaml",
          "  drydock rollout promote --wait examples/rollout/web.yaml"},
      mixinStandardHelpOptions = true, exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {" 0:Promoted (or the request was handed to the driving drydock).", " 2:Nothing to promote.",
        " 6:Unreachable.", " 8:The rollout then aborted.", " 9:Conflict."},
      description = {"Continues a paused rollout past its pause (or an inconclusive analysis) and drives it on.",
        "When another drydock drives the rollout, hands it the request and returns."})
  static final class Promote implements Callable<Integer> {
    @Mixin RolloutOptions options;
    @Spec CommandSpec spec;

    @Option(names = "--wait", description = "Wait through later pauses too (until --timeout).")
    boolean wait;

    @Override
    public Integer call() throws Exception {
      return report(spec, options.service(spec).promote(options.serviceFile, options.timeout, wait));
    }
  }

  @Command(name = "abort", header = "Abort the rollout in progress; traffic returns to stable.",
      footer = {"", "Examples:",
          "  drydock rollout abort examples/rollout/web.yaml"},
      mixinStandardHelpOptions = true, exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {" 0:Aborted: all new requests go to the stable revision.", " 2:Nothing to abort.", " 6:Unreachable.",
        " 9:The driving drydock did not abort within --timeout."},
      description = {"Aborts the rollout in progress: weights put all new requests on the stable revision at once,",
        "then the new side is drained and removed. When another drydock drives the rollout, asks it to abort and",
        "waits until it has (it checks every 100 ms)."})
  static final class Abort implements Callable<Integer> {
    @Mixin RolloutOptions options;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      return report(spec, options.service(spec).abort(options.serviceFile, options.timeout));
    }
  }

  @Command(name = "undo", header = "Go back to the previous revision.",
      footer = {"", "Examples:",
          "  drydock rollout undo --wait examples/rollout/web.yaml"},
      mixinStandardHelpOptions = true, exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {" 0:Undone.", " 2:Nothing to undo.", " 6:Unreachable.", " 8:The new rollout of the old digest aborted.",
        " 9:A rollout is in progress (abort it instead)."},
      description = {"Goes back to the previous revision. Within its scale-down delay the old side still runs and",
        "this is one flip of the weights; after it, the old digest is rolled out again through the strategy."})
  static final class Undo implements Callable<Integer> {
    @Mixin RolloutOptions options;
    @Spec CommandSpec spec;

    @Option(names = "--wait", description = "Wait through pauses (until --timeout).")
    boolean wait;

    @Override
    public Integer call() throws Exception {
      return report(spec, options.service(spec).undo(options.serviceFile, options.timeout, wait));
    }
  }

  @Command(name = "history", header = "Print the service's revisions and what happened to each.",
      footer = {"", "Examples:",
          "  drydock rollout history examples/rollout/web.yaml"},
      mixinStandardHelpOptions = true, exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {" 0:Printed.", " 3:Invalid service or state file."},
      description = "Prints the service's revisions: when each was deployed, started, promoted, aborted or undone.")
  static final class History implements Callable<Integer> {
    @Mixin RolloutOptions options;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      Table table = new Table("REV", "AT", "OUTCOME", "IMAGE", "MESSAGE");
      for (RolloutState.HistoryEntry h : options.service(spec).history(options.serviceFile)) {
        table.row("r" + h.revision(), h.at().truncatedTo(ChronoUnit.SECONDS), h.outcome(), h.image(),
            h.message() == null ? "" : h.message());
      }
      out.print(table.render());
      out.flush();
      return 0;
    }
  }
}
