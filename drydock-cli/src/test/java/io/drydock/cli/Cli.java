package io.drydock.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Runs the CLI in-process and captures what it prints. */
record Cli(int exitCode, String out, String err) {

  static final Path REPO = Path.of("..").toAbsolutePath().normalize();

  static Path testImage(String file) {
    return REPO.resolve("testdata/images").resolve(file);
  }

  static Cli run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintWriter(err, true));
    return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString());
  }
}
