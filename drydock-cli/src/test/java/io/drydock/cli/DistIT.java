package io.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution archive that {@code ./mvnw package} writes, unpacked away from the source tree: its launcher
 * runs a real SBOM of a fixture image, makes the class-data-sharing archive on that first run and uses it after.
 */
class DistIT {
  private static final Path TARGET = Path.of("target");

  @Test
  void theUnpackedArchiveRunsWithoutTheSourceTree(@TempDir Path tmp) throws Exception {
    Path archive;
    try (var files = Files.list(TARGET)) {
      archive = files.filter(p -> p.getFileName().toString().matches("drydock-.*\\.tar\\.gz")).findFirst()
          .orElseThrow(() -> new AssertionError("no drydock-*.tar.gz in target/: did ./mvnw package run?"));
    }
    Path home = unpack(archive, tmp.resolve("opt")).resolve(archive.getFileName().toString().replace(".tar.gz", ""));
    Path image = tmp.resolve("alpine.oci.tar");
    Files.copy(Cli.testImage("alpine-3.20.3.oci.tar"), image);

    List<String> sbom = List.of(home.resolve("bin/drydock").toString(), "sbom", "--quiet", "--format", "json",
        "--cache-dir", tmp.resolve("cache").toString(), image.toString());
    Run first = run(tmp, sbom);
    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.out()).contains("\"name\" : \"musl\"").contains("\"name\" : \"busybox\"");
    assertThat(home.resolve("lib/drydock/drydock.jsa")).as("CDS archive made on the first run").isRegularFile();

    Run second = run(tmp, sbom);
    assertThat(second.code()).as(second.err()).isZero();
    assertThat(withoutTime(second.out())).isEqualTo(withoutTime(first.out()));
    assertThat(run(tmp, List.of(home.resolve("bin/drydock").toString(), "--version")).out()).startsWith("drydock ");
    assertThat(home.resolve("share/bash-completion/completions/drydock")).content().contains("_complete_drydock");
  }

  private static String withoutTime(String json) {
    return json.replaceAll("\"createdAt\" : \"[^\"]*\"", "");
  }

  private record Run(int code, String out, String err) {}

  private static Run run(Path cwd, List<String> command) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile());
    pb.environment().remove("DRYDOCK_JAVA_OPTS");
    Path out = Files.createTempFile(cwd, "out", ".txt");
    Path err = Files.createTempFile(cwd, "err", ".txt");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("drydock finished").isTrue();
    return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  /** With tar, as a user installs it. */
  private static Path unpack(Path archive, Path to) throws IOException, InterruptedException {
    Files.createDirectories(to);
    Run tar = run(to, List.of("tar", "-xzf", archive.toAbsolutePath().toString(), "-C", to.toString()));
    assertThat(tar.code()).as(tar.err()).isZero();
    return to;
  }
}
