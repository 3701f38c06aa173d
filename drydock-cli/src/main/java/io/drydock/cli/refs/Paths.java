package io.drydock.cli.refs;

import java.nio.file.Path;

/** How the refs commands print file names: relative to the working directory when under it. */
final class Paths {
  private Paths() {}

  static String show(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    Path cwd = Path.of("").toAbsolutePath().normalize();
    return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : file.toString();
  }

  static String location(io.drydock.refs.find.FoundRef r) {
    return show(r.file()) + ":" + r.line() + ":" + r.column();
  }
}
