package io.drydock.refs.find;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Walks a directory for the finder: VCS and dependency dirs skipped, Helm chart templates set aside. */
final class Walk {
  private static final Set<String> SKIPPED_DIRS = Set.of(".git", ".hg", ".svn", "node_modules", "vendor", "target",
      ".terraform", ".idea");

  private Walk() {}

  /**
   * What a walk met.
   *
   * @param files regular files outside chart templates, sorted
   * @param chartTemplates for each chart directory, the YAML files under its {@code templates/}
   * @param unreadable paths the walk could not enter or read, with why
   */
  record Tree(List<Path> files, Map<Path, List<Path>> chartTemplates, Map<Path, String> unreadable) {}

  static Tree of(Path root) throws IOException {
    List<Path> files = new ArrayList<>();
    Map<Path, List<Path>> templates = new TreeMap<>();
    Map<Path, String> unreadable = new LinkedHashMap<>();
    Files.walkFileTree(root, Set.of(), 32, new SimpleFileVisitor<>() {
      private Path chart;

      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        Path name = dir.getFileName();
        if (!dir.equals(root) && name != null && SKIPPED_DIRS.contains(name.toString())) {
          return FileVisitResult.SKIP_SUBTREE;
        }
        // a Helm chart's templates are Go templates, not YAML
        Path parent = dir.getParent();
        if (chart == null && name != null && name.toString().equals("templates") && parent != null
            && Files.exists(parent.resolve("Chart.yaml"))) {
          chart = parent;
          templates.put(parent, new ArrayList<>());
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException exc) {
        if (exc != null) {
          unreadable.put(dir, "cannot list directory: " + exc.getMessage());
        }
        if (chart != null && dir.equals(chart.resolve("templates"))) {
          chart = null;
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        if (!attrs.isRegularFile()) {
          return FileVisitResult.CONTINUE;
        }
        if (chart != null) {
          String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
          if (n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json")) {
            templates.get(chart).add(file);
          }
        } else {
          files.add(file);
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException exc) {
        if (FileKind.byName(file).isPresent() || Files.isDirectory(file)) {
          unreadable.put(file, "cannot be read: " + exc.getMessage());
        }
        return FileVisitResult.CONTINUE;
      }
    });
    files.sort(null);
    templates.values().forEach(l -> l.sort(null));
    return new Tree(files, templates, unreadable);
  }
}
