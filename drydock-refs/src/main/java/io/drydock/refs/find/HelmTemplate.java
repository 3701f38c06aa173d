package io.drydock.refs.find;

import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/** {@link HelmRenderer} that runs {@code helm template drydock CHART} (helm 3 on the PATH, or a given binary). */
public final class HelmTemplate implements HelmRenderer {
  private final String helm;
  private final Duration timeout;

  public HelmTemplate(String helm, Duration timeout) {
    this.helm = helm;
    this.timeout = timeout;
  }

  /** helm from a {@code PATH} value, or empty when it is not there. */
  public static java.util.Optional<HelmTemplate> onPath(@Nullable String path, Duration timeout) {
    if (path != null) {
      for (String dir : path.split(java.io.File.pathSeparator)) {
        Path p = Path.of(dir.isEmpty() ? "." : dir, "helm");
        if (Files.isExecutable(p)) {
          return java.util.Optional.of(new HelmTemplate(p.toString(), timeout));
        }
      }
    }
    return java.util.Optional.empty();
  }

  @Override
  public String render(Path chart) throws IOException {
    Process p = new ProcessBuilder(List.of(helm, "template", "drydock", chart.toString())).start();
    p.getOutputStream().close();
    CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> drain(p.getInputStream()));
    CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new DrydockException(ErrorKind.INVALID_INPUT, "Tried to run helm template " + chart
            + " but failed because: it took longer than " + timeout.toSeconds() + " s");
      }
      if (p.exitValue() != 0) {
        throw new DrydockException(ErrorKind.INVALID_INPUT, "Tried to run helm template " + chart
            + " but failed because: " + new String(err.join(), StandardCharsets.UTF_8).strip().replaceAll("\\s+", " "));
      }
      return new String(out.join(), StandardCharsets.UTF_8);
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running helm template " + chart, e);
    }
  }

  private static byte[] drain(InputStream in) {
    try (in) {
      return in.readAllBytes();
    } catch (IOException e) {
      return new byte[0];
    }
  }
}
