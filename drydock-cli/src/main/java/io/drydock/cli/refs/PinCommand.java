package io.drydock.cli.refs;

import io.drydock.cli.support.Console;
import io.drydock.cli.support.ImageOptionsMixin;
import io.drydock.image.registry.RegistryClient;
import io.drydock.model.event.EventSink;
import io.drydock.refs.find.RefFinder;
import io.drydock.refs.pin.PinChange;
import io.drydock.refs.pin.PinStatus;
import io.drydock.refs.pin.Pinner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code drydock pin PATH...}. */
@Command(name = "pin", header = "Pin image references to digests in place.",
    footer = {"", "Examples:",
        "  drydock pin --dry-run .",
        "  drydock pin --check deploy/",
        "  drydock pin Dockerfile docker-compose.yaml"},
    mixinStandardHelpOptions = true,
    description = "Pin image references to digests in place: repo:tag becomes repo:tag@sha256:… (the index digest for "
        + "multi-arch images), keeping every other byte of the file. Every tag is resolved before any file is "
        + "written; a failure leaves all files as they were. Helm values: an existing digest key gets the "
        + "digest, else the tag becomes tag@sha256:…; kustomizations likewise (digest, else newTag). Compose: "
        + "a tag in a default is pinned there (${TAG:-1.4@sha256:…}); images that a service builds are skipped "
        + "with a note.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {" 0:Done (or, with --check, everything is pinned and current).",
        " 1:With --check: a reference is unpinned, its pin no longer matches its tag, or it cannot be pinned.",
        " 2:Usage error.", " 3:A file does not parse.", " 4:A path, repository or tag does not exist.",
        " 5:Registry authentication failed.", " 6:Registry unreachable.", " 9:A file changed while pinning."})
public final class PinCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  ImageOptionsMixin registry;

  @ArgGroup(exclusive = true)
  Mode mode = new Mode();

  static final class Mode {
    @Option(names = "--check", description = "Change nothing; exit 1 when anything is unpinned or a pin is stale.")
    boolean check;

    @Option(names = "--dry-run", description = "Change nothing; print the changes as a unified diff.")
    boolean dryRun;
  }

  @Mixin
  FinderOptionsMixin finder;

  @Parameters(paramLabel = "PATH", arity = "0..*", description = "Files or directories.")
  List<Path> paths = new java.util.ArrayList<>();

  @Override
  public Integer call() throws Exception {
    finder.requirePaths(spec, paths);
    EventSink events = Console.of(spec);
    RefFinder.Result found = finder.finder(events).find(paths);
    Pinner.Plan plan;
    try (RegistryClient client = registry.registryClient(events)) {
      plan = new Pinner(client::headDigest, events).plan(found.files());
    }
    PrintWriter out = spec.commandLine().getOut();
    if (mode.check) {
      for (PinChange c : plan.changes()) {
        if (c.failsCheck()) {
          out.println(Paths.location(c.ref()) + "  " + describe(c));
        }
      }
      for (PinChange c : plan.changes()) {
        if (c.status() == PinStatus.NOT_PULLED) {
          out.println(Paths.location(c.ref()) + "  " + describe(c));
        }
      }
      long bad = plan.changes().stream().filter(PinChange::failsCheck).count();
      long pulled = plan.changes().stream().filter(c -> c.status() != PinStatus.NOT_PULLED).count();
      out.println(bad == 0 ? "all " + pulled + " references are pinned and current"
          : bad + " of " + pulled + " references are not pinned to their tag's current digest");
      out.flush();
      return bad == 0 ? 0 : 1;
    }
    if (mode.dryRun) {
      out.print(plan.diff());
      out.flush();
      return 0;
    }
    List<Path> written = Pinner.write(plan);
    for (PinChange c : plan.changes()) {
      if (c.status() == PinStatus.UNPINNED || c.status() == PinStatus.STALE || c.status() == PinStatus.NOT_PINNABLE
          || c.status() == PinStatus.NOT_PULLED) {
        out.println(Paths.location(c.ref()) + "  " + describe(c));
      }
    }
    long pinned = plan.changes().stream().filter(c -> c.edit() != null).count();
    out.println("pinned " + pinned + " reference" + (pinned == 1 ? "" : "s") + " in " + written.size() + " file"
        + (written.size() == 1 ? "" : "s"));
    out.flush();
    return 0;
  }

  private static String describe(PinChange c) {
    return switch (c.status()) {
      case UNPINNED -> c.ref().written() + " unpinned → @" + c.resolved();
      case STALE -> c.ref().written() + " stale: tag now points at " + c.resolved();
      case NOT_PINNABLE -> c.ref().written() + " cannot be pinned: " + c.reason();
      case PINNED -> c.ref().written() + " pinned";
      case DIGEST_ONLY -> c.ref().written() + " pinned by digest only";
      case NOT_PULLED -> c.ref().written() + " skipped: " + c.reason();
    };
  }
}
