package io.drydock.image.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import io.drydock.image.ImageOptions;
import io.drydock.image.ImageSource;
import io.drydock.image.OpenedImage;
import io.drydock.image.archive.ImageArchives;
import io.drydock.model.DrydockException;
import io.drydock.model.EngineHost;
import io.drydock.model.ErrorKind;
import io.drydock.model.ImageMetadata;
import io.drydock.model.event.EventSink;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code engine:NAME|ID}: an image in a local Docker Engine or Podman, through the Engine API. The image is
 * exported ({@code GET /images/{name}/get}) into a temporary file in the work dir, read in place as an image
 * archive and the file is deleted on close.
 */
public final class EngineSource implements ImageSource {
  public static final String SCHEME = "engine";
  static final String DEFAULT_HOST = EngineHost.DEFAULT;
  private static final long PROGRESS_EVERY = 16L * 1024 * 1024;

  private final Map<String, String> env;

  public EngineSource() {
    this(System.getenv());
  }

  EngineSource(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  @Override
  public String scheme() {
    return SCHEME;
  }

  /** The Engine API endpoint: the option, else {@code $DOCKER_HOST}, else the default socket. */
  static String host(ImageOptions options, Map<String, String> env) {
    return EngineHost.resolve(options.engineHost(), env);
  }

  @Override
  public OpenedImage open(String reference, ImageOptions options, EventSink events) throws IOException {
    String name = reference.substring(SCHEME.length() + 1).trim();
    if (name.isEmpty()) {
      throw DrydockException.usage("Tried to open '" + reference + "' but failed because: no image name or id given; expected engine:NAME");
    }
    String host = host(options, env);
    Files.createDirectories(options.workDir());
    Path export = Files.createTempFile(options.workDir(), "engine-export-", ".tar");
    try {
      exportImage(host, name, export, options, events);
      OpenedImage image = ImageArchives.open(export, null, reference, options, events);
      return new DeletingImage(image, export);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(export);
      throw e;
    }
  }

  private static void exportImage(String host, String name, Path target, ImageOptions options, EventSink events) throws IOException {
    try {
      URI.create(host);
    } catch (IllegalArgumentException e) {
      throw DrydockException.usage("Tried to use engine host '" + host + "' but failed because: it is not a URI (" + e.getMessage() + ")");
    }
    String what = "Tried to export image '" + name + "' from the engine at " + host;
    try (DockerClient client = DockerClients.open(host, options.timeout(), options.timeout(), 4)) {
      events.info("exporting " + name + " from " + host);
      try (InputStream in = client.saveImageCmd(name).exec(); OutputStream out = Files.newOutputStream(target)) {
        copy(in, out, name, events);
      }
    } catch (NotFoundException e) {
      throw new DrydockException(ErrorKind.NOT_FOUND, what + " but failed because: the engine has no such image");
    } catch (DockerException e) {
      throw new DrydockException(ErrorKind.UNREACHABLE, what + " but failed because: the engine answered HTTP " + e.getHttpStatus()
          + " (" + oneLine(e.getMessage()) + ")", e);
    } catch (InterruptedIOException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      if (e instanceof DrydockException) {
        throw e;
      }
      throw new DrydockException(ErrorKind.UNREACHABLE, what + " but failed because: " + rootMessage(e)
          + "; is the engine running and is that its socket?", e);
    }
  }

  private static void copy(InputStream in, OutputStream out, String name, EventSink events) throws IOException {
    byte[] buf = new byte[256 * 1024];
    long total = 0;
    long nextReport = PROGRESS_EVERY;
    int n;
    while ((n = in.read(buf)) >= 0) {
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedIOException("interrupted while exporting " + name);
      }
      out.write(buf, 0, n);
      total += n;
      if (total >= nextReport) {
        events.progress("engine-export", name, total, -1);
        nextReport += PROGRESS_EVERY;
      }
    }
    events.progress("engine-export", name, total, total);
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String msg = t.getMessage();
    return oneLine(t.getClass().getSimpleName() + (msg == null ? "" : ": " + msg));
  }

  private static String oneLine(@Nullable String s) {
    return s == null ? "" : s.replaceAll("\\s+", " ").trim();
  }

  /** Deletes the exported archive when the image is closed. */
  private static final class DeletingImage implements OpenedImage {
    private final OpenedImage delegate;
    private final Path file;

    DeletingImage(OpenedImage delegate, Path file) {
      this.delegate = delegate;
      this.file = file;
    }

    @Override
    public ImageMetadata metadata() {
      return delegate.metadata();
    }

    @Override
    public InputStream openLayerBlob(int index) throws IOException {
      return delegate.openLayerBlob(index);
    }

    @Override
    public void close() throws IOException {
      try {
        delegate.close();
      } finally {
        Files.deleteIfExists(file);
      }
    }
  }
}
