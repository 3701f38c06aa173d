package io.drydock.cli.refs;

import io.drydock.cli.support.Table;
import io.drydock.model.DrydockException;
import io.drydock.model.event.EventSink;
import io.drydock.refs.find.FinderOptions;
import io.drydock.refs.find.HelmTemplate;
import io.drydock.refs.find.ImageFieldSpec;
import io.drydock.refs.find.RefFinder;
import io.drydock.refs.find.SkippedFile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** How the refs commands read files: Compose variables and projects, custom kinds' image fields, Helm rendering. */
public final class FinderOptionsMixin {
  @Option(names = "--env-file", paramLabel = "FILE",
      description = "Compose variables from FILE instead of the .env beside each compose project (repeatable; later files win).")
  List<Path> envFiles = new ArrayList<>();

  @Option(names = "--compose-file", paramLabel = "FILE",
      description = "Compose files of one project, merged in order as 'docker compose -f A -f B' does (repeatable).")
  List<Path> composeFiles = new ArrayList<>();

  @Option(names = "--image-fields", paramLabel = "FILE",
      description = "Where custom Kubernetes kinds keep images: a kustomize transformer configuration with an "
          + "'images:' list of field specs (path, kind, group, version) (repeatable).")
  List<Path> imageFields = new ArrayList<>();

  @Option(names = "--helm-render",
      description = "Render Helm charts' templates with 'helm template' (helm must be on the PATH) instead of listing them as skipped.")
  boolean helmRender;

  /** A finder with these options. */
  RefFinder finder(EventSink events) throws IOException {
    List<ImageFieldSpec> fields = new ArrayList<>();
    for (Path f : imageFields) {
      fields.addAll(ImageFieldSpec.read(f));
    }
    HelmTemplate helm = null;
    if (helmRender) {
      helm = HelmTemplate.onPath(System.getenv("PATH"), Duration.ofMinutes(2)).orElseThrow(() -> DrydockException.usage(
          "--helm-render needs helm on the PATH; without it, chart templates are listed as skipped"));
    }
    return new RefFinder(events, new FinderOptions(envFiles, composeFiles, fields, helm));
  }

  /** PATH may be left out when {@code --compose-file} names the files. */
  void requirePaths(picocli.CommandLine.Model.CommandSpec spec, List<Path> paths) {
    if (paths.isEmpty() && composeFiles.isEmpty()) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing required parameter: 'PATH'");
    }
  }

  /** The skipped files as a table (empty string when none). */
  static String skippedTable(List<SkippedFile> skipped) {
    if (skipped.isEmpty()) {
      return "";
    }
    Table t = new Table("SKIPPED", "REASON", "DETAIL");
    for (SkippedFile s : skipped) {
      t.row(Paths.show(s.file()), s.reason().label(), s.detail());
    }
    return "\n" + t.render();
  }
}
