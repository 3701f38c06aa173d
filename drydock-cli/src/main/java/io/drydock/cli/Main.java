package io.drydock.cli;

import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code drydock} command. */
@Command(
    name = "drydock",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Keeps a fleet's container images patched without downtime.",
    subcommands = {CommandLine.HelpCommand.class, io.drydock.cli.refs.RefsCommand.class, io.drydock.cli.refs.PinCommand.class, io.drydock.cli.refs.OutdatedCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      " 0:Success.",
      " 1:Findings remain that policy forbids (see --exit-code).",
      " 2:Usage error: wrong flags, arguments or reference syntax.",
      " 3:Invalid input: malformed or hostile archive, manifest, SBOM, advisory or YAML; digest mismatch.",
      " 4:Not found: image, tag, file or container.",
      " 5:Registry authentication failed.",
      " 6:Unreachable: registry, engine socket or router socket.",
      " 7:Vulnerability database missing or too old.",
      " 8:Rollout aborted or failed (traffic is on the stable side).",
      " 9:Conflict: another operation holds the lock.",
      "70:Internal error (a bug: please report it with --debug output)."
    })
public final class Main {

  @Option(names = {"-q", "--quiet"}, description = "Print no progress and no warnings on stderr.", scope = CommandLine.ScopeType.INHERIT)
  boolean quiet;

  @Option(names = "--debug", description = "Print debug detail and stack traces on stderr.", scope = CommandLine.ScopeType.INHERIT)
  boolean debug;

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line and returns the exit code; never calls {@link System#exit}. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    Main root = new Main();
    CommandLine cl = new CommandLine(root);
    cl.setOut(out);
    cl.setErr(err);
    cl.setExitCodeExceptionMapper(t -> t instanceof DrydockException d ? d.kind().exitCode() : ErrorKind.INTERNAL.exitCode());
    cl.setParameterExceptionHandler((ex, a) -> {
      err.println("drydock: " + ex.getMessage());
      err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more information.");
      return ErrorKind.USAGE.exitCode();
    });
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      if (ex instanceof DrydockException d && d.kind() != ErrorKind.INTERNAL) {
        err.println("drydock: " + d.getMessage());
        if (root.debug) {
          d.printStackTrace(err);
        }
        return d.kind().exitCode();
      }
      err.println("drydock: internal error: " + ex);
      ex.printStackTrace(err);
      return ErrorKind.INTERNAL.exitCode();
    });
    return cl.execute(args);
  }

  /** Reads the version Maven wrote into the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"drydock " + (v == null ? "dev" : v), "Java " + System.getProperty("java.version")};
    }
  }
}
