package io.drydock.cli;

import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code drydock} command. */
@Command(
    name = "drydock",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Keeps a fleet's container images patched without downtime.",
    subcommands = {
      CommandLine.HelpCommand.class,
      SbomCommand.class,
      InspectCommand.class,
      ScanCommand.class,
      DbCommand.class,
      CompareCommand.class,
      io.drydock.cli.refs.RefsCommand.class,
      io.drydock.cli.refs.PinCommand.class,
      io.drydock.cli.refs.OutdatedCommand.class,
      io.drydock.cli.rollout.UpCommand.class,
      io.drydock.cli.rollout.RolloutCommand.class,
      CompletionCommand.class
    },
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

  private PrintStream stdout = System.out;

  public static void main(String[] args) {
    io.drydock.cli.support.ImageOptionsMixin.confineProcessTempFiles();
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8), true);
    int code = run(args, out, err);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /** Runs the command line and returns the exit code; never calls {@link System#exit}. */
  public static int run(String[] args, PrintStream out, PrintWriter err) {
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      // the start-up path a user times first: no command tree (its model takes ~0.2 s to build by reflection)
      for (String line : new Version().getVersion()) {
        out.println(line);
      }
      return 0;
    }
    Main root = new Main();
    root.stdout = out;
    CommandLine cl = new CommandLine(root);
    io.drydock.cli.support.HelpLayout.reflow(cl);
    cl.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
    cl.setErr(err);
    cl.setExitCodeExceptionMapper(t -> t instanceof DrydockException d ? d.kind().exitCode() : ErrorKind.INTERNAL.exitCode());
    cl.setExecutionStrategy(parseResult -> {
      // picocli shows help even when an argument before --help is unknown ("drydock polcy --help"): refuse
      for (CommandLine.ParseResult p = parseResult; p != null; p = p.subcommand()) {
        if (!p.unmatched().isEmpty()) {
          throw new CommandLine.UnmatchedArgumentException(p.commandSpec().commandLine(), p.unmatched());
        }
      }
      return new CommandLine.RunLast().execute(parseResult);
    });
    cl.setParameterExceptionHandler((ex, a) -> {
      err.println("drydock: " + ex.getMessage());
      if (ex instanceof CommandLine.UnmatchedArgumentException u) {
        CommandLine.UnmatchedArgumentException.printSuggestions(u, err);
      }
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
    int code = cl.execute(args);
    cl.getOut().flush();
    cl.getErr().flush();
    return code;
  }

  /** Where reports go: the byte stream behind picocli's stdout writer. */
  static PrintStream stdout(CommandLine.Model.CommandSpec spec) {
    return ((Main) spec.root().userObject()).stdout;
  }

  /** drydock's version, from the jar manifest ({@code dev} when run from classes). */
  static String version() {
    String v = Main.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  /** Reads the version Maven wrote into the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"drydock " + version(), "Java " + System.getProperty("java.version")};
    }
  }
}
