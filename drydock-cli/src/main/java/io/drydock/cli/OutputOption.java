package io.drydock.cli;

import io.drydock.cli.support.Output;
import java.io.IOException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code -o/--output FILE} of the report commands (scan, sbom, inspect): stdout, or the file written atomically. */
final class OutputOption {
  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE (atomically) instead of stdout.")
  @Nullable Path file;

  void write(CommandSpec spec, Output.Body body) throws IOException {
    Output.write(file, Main.stdout(spec), body);
  }
}
