package io.drydock.engine.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.BadRequestException;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.drydock.model.Digest;
import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import io.drydock.model.ImageRef;
import io.drydock.rollout.spi.ContainerEngine;
import io.drydock.rollout.spi.ContainerInfo;
import io.drydock.rollout.spi.ContainerSpec;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * {@link ContainerEngine} over the Docker Engine API (docker-java, Apache HttpClient 5 transport). Works against
 * dockerd and against Podman's Docker-compatible socket ({@code podman system service}).
 *
 * <p>Digests: {@link #pull} returns the image's repo digest for the image's repository (the manifest digest a
 * registry serves). An image that only exists locally (built, or {@code podman import}ed as {@code localhost/…})
 * has no registry digest: Podman still reports a RepoDigest for the manifest it stored, which is returned; Docker
 * reports none, and then the local image id (config digest, {@code sha256:…}) is returned. Both forms are accepted
 * back by {@link #create} in {@code ContainerSpec.image()}.
 */
public final class DockerEngine implements ContainerEngine {
  private static final int MAX_LOG_LINES = 10_000;
  private static final int MAX_LOG_BYTES = 1024 * 1024;

  private final String host;
  private final DockerClient client;
  private final Duration requestTimeout;
  private final Duration startupCheck;

  private DockerEngine(String host, DockerClient client, Duration requestTimeout, Duration startupCheck) {
    this.host = host;
    this.client = client;
    this.requestTimeout = requestTimeout;
    this.startupCheck = startupCheck;
  }

  /** Connects to {@code DOCKER_HOST}, or {@code unix:///var/run/docker.sock} when it is not set. */
  public static DockerEngine fromEnvironment() {
    String host = System.getenv("DOCKER_HOST");
    return connect(host == null || host.isBlank() ? "unix:///var/run/docker.sock" : host);
  }

  /** Connects to {@code unix:///path.sock} or {@code tcp://host:port}, with 2-minute requests and a 500 ms start check. */
  public static DockerEngine connect(String host) {
    return connect(host, Duration.ofMinutes(2), Duration.ofMillis(500));
  }

  /**
   * Connects and pings the engine.
   *
   * @param requestTimeout longest wait for one API answer (stop adds its grace period on top)
   * @param startupCheck how long {@link #start} watches a new container for an early exit
   * @throws DrydockException UNREACHABLE when the socket is missing or the engine does not answer
   */
  public static DockerEngine connect(String host, Duration requestTimeout, Duration startupCheck) {
    URI uri;
    try {
      uri = URI.create(host);
    } catch (IllegalArgumentException e) {
      throw DrydockException.usage("Tried to connect to the container engine at " + host
          + " but failed because: not a URI (expected unix:///path.sock or tcp://host:port)");
    }
    if (!"unix".equals(uri.getScheme()) && !"tcp".equals(uri.getScheme())) {
      throw DrydockException.usage("Tried to connect to the container engine at " + host
          + " but failed because: unsupported scheme (expected unix:///path.sock or tcp://host:port)");
    }
    checkSocket(host, uri);
    DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(host).build();
    ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
        .dockerHost(config.getDockerHost())
        .sslConfig(config.getSSLConfig())
        .maxConnections(16)
        .connectionTimeout(Duration.ofSeconds(5))
        .responseTimeout(requestTimeout.plusMinutes(1))
        .build();
    DockerEngine engine = new DockerEngine(host, DockerClientImpl.getInstance(config, http), requestTimeout, startupCheck);
    try {
      engine.call("ping", () -> engine.client.pingCmd().exec());
    } catch (RuntimeException e) {
      engine.close();
      throw e;
    }
    return engine;
  }

  public String host() {
    return host;
  }

  /** The docker-java client, for the other adapters of this package ({@link EngineInventory}). */
  DockerClient client() {
    return client;
  }

  private static void checkSocket(String host, URI uri) {
    if ("unix".equals(uri.getScheme()) && !Files.exists(Path.of(uri.getPath()))) {
      throw new DrydockException(ErrorKind.UNREACHABLE, "Tried to connect to the container engine at " + host
          + " but failed because: no such socket (is podman system service / dockerd running?)");
    }
  }

  @Override
  public Digest pull(ImageRef image, Duration timeout) {
    String name = image.registry() + "/" + image.repository();
    Optional<InspectImageResponse> local = localImage(image);
    if (local.isEmpty()) {
      String tag = image.digest() != null ? image.digest().toString() : image.tagOrLatest();
      PullProgress progress = new PullProgress();
      boolean done = call("pull " + image, () -> {
        try {
          return client.pullImageCmd(name).withTag(tag).exec(progress).awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new DrydockException(ErrorKind.UNREACHABLE, "Tried to pull " + image + " but failed because: interrupted", e);
        } catch (DockerClientException e) {
          throw pullFailure(image, e);
        }
      });
      if (progress.error != null) {
        throw pullFailure(image, new DockerClientException("Could not pull image: " + progress.error));
      }
      if (!done) {
        throw new DrydockException(ErrorKind.UNREACHABLE, "Tried to pull " + image + " from " + host
            + " but failed because: it did not finish within " + timeout.toSeconds() + " s");
      }
      local = localImage(image);
      if (local.isEmpty()) {
        throw DrydockException.notFound("Tried to pull " + image + " but failed because: the engine reports success but has no such image");
      }
    }
    return image.digest() != null ? image.digest() : digestOf(local.get(), image);
  }

  /**
   * Collects the error of a pull's progress stream. (docker-java's PullImageResultCallback fails with a
   * NullPointerException on Podman's error items, which have no status.)
   */
  private static final class PullProgress extends ResultCallback.Adapter<PullResponseItem> {
    volatile @Nullable String error;

    @Override
    public void onNext(PullResponseItem item) {
      if (item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null) {
        error = item.getErrorDetail().getMessage();
      }
    }
  }

  /** docker-java reports a failed pull's stream as DockerClientException("Could not pull image: …"). */
  static DrydockException pullFailure(ImageRef image, DockerClientException e) {
    String why = oneLine(e).replaceFirst("^Could not pull image: ", "");
    String lower = why.toLowerCase(java.util.Locale.ROOT);
    boolean missing = lower.contains("manifest unknown") || lower.contains("not found") || lower.contains("no such image")
        || lower.contains("name unknown");
    if (lower.contains("unauthorized") || lower.contains("authentication required") || lower.contains("denied")) {
      return new DrydockException(ErrorKind.AUTH, "Tried to pull " + image + " but failed because: " + why, e);
    }
    return new DrydockException(missing ? ErrorKind.NOT_FOUND : ErrorKind.UNREACHABLE, "Tried to pull " + image
        + " but failed because: " + why, e);
  }

  /** The repo digest of the image's repository; else the image id (local-only images on Docker). */
  static Digest digestOf(InspectImageResponse inspected, ImageRef image) {
    return repoDigest(inspected.getRepoDigests(), image).orElseGet(() -> Digest.parse(inspected.getId()));
  }

  static Optional<Digest> repoDigest(@Nullable List<String> repoDigests, ImageRef image) {
    if (repoDigests == null) {
      return Optional.empty();
    }
    for (String entry : repoDigests) {
      try {
        ImageRef ref = ImageRef.parse(entry);
        if (ref.digest() != null && ref.registry().equals(image.registry()) && ref.repository().equals(image.repository())) {
          return Optional.of(ref.digest());
        }
      } catch (IllegalArgumentException skip) {
        // an entry we cannot parse is not ours
      }
    }
    return Optional.empty();
  }

  /** Local image by the forms an engine accepts, most specific first. */
  private Optional<InspectImageResponse> localImage(ImageRef image) {
    for (String candidate : localNames(image)) {
      Optional<InspectImageResponse> found = inspectImage(candidate);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  static List<String> localNames(ImageRef image) {
    String name = image.registry() + "/" + image.repository();
    List<String> names = new ArrayList<>();
    if (image.digest() != null) {
      names.add(name + "@" + image.digest());
      names.add(image.digest().toString()); // an image id returned for a local-only image
    } else {
      names.add(name + ":" + image.tagOrLatest());
    }
    return names;
  }

  private Optional<InspectImageResponse> inspectImage(String reference) {
    return call("inspect image " + reference, () -> {
      try {
        return Optional.of(client.inspectImageCmd(reference).exec());
      } catch (NotFoundException e) {
        return Optional.empty();
      }
    });
  }

  @Override
  public String create(ContainerSpec spec) {
    String what = "create container " + spec.name() + " from " + spec.image();
    String reference = localNames(spec.image()).stream()
        .filter(n -> inspectImage(n).isPresent())
        .findFirst()
        .orElseThrow(() -> DrydockException.notFound("Tried to " + what + " but failed because: the image is not present on "
            + host + " (pull it first)"));
    HostConfig hostConfig = HostConfig.newHostConfig().withNetworkMode(spec.networkMode());
    if (!spec.volumes().isEmpty()) {
      hostConfig.withBinds(spec.volumes().stream().map(DockerEngine::bind).toList());
    }
    List<ExposedPort> exposed = new ArrayList<>();
    if (!spec.ports().isEmpty() && !"host".equals(spec.networkMode())) {
      Ports ports = new Ports();
      for (ContainerSpec.PortBinding p : spec.ports()) {
        ExposedPort port = ExposedPort.tcp(p.containerPort());
        exposed.add(port);
        ports.bind(port, Ports.Binding.bindIpAndPort(p.hostIp(), p.hostPort()));
      }
      hostConfig.withPortBindings(ports);
    }
    if (spec.memoryBytes() != null) {
      hostConfig.withMemory(spec.memoryBytes());
    }
    if (spec.nanoCpus() != null) {
      hostConfig.withNanoCPUs(spec.nanoCpus());
    }
    return call(what, () -> {
      try (CreateContainerCmd cmd = client.createContainerCmd(reference)) {
        cmd.withName(spec.name())
            .withEnv(spec.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted().toList())
            .withLabels(spec.labels())
            .withHostConfig(hostConfig);
        if (!exposed.isEmpty()) {
          cmd.withExposedPorts(exposed);
        }
        if (!spec.command().isEmpty()) {
          cmd.withCmd(spec.command());
        }
        return cmd.exec().getId();
      } catch (ConflictException e) {
        throw new DrydockException(ErrorKind.CONFLICT, "Tried to " + what + " but failed because: " + message(e), e);
      } catch (BadRequestException e) {
        throw DrydockException.invalidInput("Tried to " + what + " but failed because: " + message(e));
      }
    });
  }

  private static Bind bind(String volume) {
    try {
      return Bind.parse(volume);
    } catch (IllegalArgumentException e) {
      throw DrydockException.invalidInput("Tried to use volume '" + volume + "' but failed because: expected source:target[:ro]");
    }
  }

  /**
   * Starts the container and watches it for {@code startupCheck}: a container that exits in that time is an
   * INVALID_INPUT error quoting its exit code and last log lines.
   */
  @Override
  public void start(String containerId) {
    try {
      call("start container " + containerId, () -> {
        client.startContainerCmd(containerId).exec();
        return null;
      });
    } catch (DrydockException e) {
      if (e.kind() == ErrorKind.UNREACHABLE || e.kind() == ErrorKind.NOT_FOUND) {
        throw e;
      }
      throw new DrydockException(e.kind(), e.getMessage() + "; last log lines: " + tailForMessage(containerId), e);
    }
    long deadline = System.nanoTime() + startupCheck.toNanos();
    while (true) {
      Optional<ContainerInfo> info = inspect(containerId);
      if (info.isEmpty()) {
        throw DrydockException.notFound("Tried to start container " + containerId + " but failed because: it disappeared");
      }
      String state = info.get().state();
      if (state.equals("exited") || state.equals("dead")) {
        throw DrydockException.invalidInput("Tried to start container " + info.get().name() + " but failed because: it exited"
            + (info.get().exitCode() == null ? "" : " with code " + info.get().exitCode()) + " right after starting; last log lines: "
            + tailForMessage(containerId));
      }
      if (System.nanoTime() >= deadline) {
        return;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return; // started; the caller's wait was interrupted, the flag says so
      }
    }
  }

  private String tailForMessage(String containerId) {
    try {
      String tail = logs(containerId, 10).strip();
      return tail.isEmpty() ? "(none)" : tail.replaceAll("\\s*[\\r\\n]+\\s*", " / ");
    } catch (DrydockException e) {
      return "(unavailable: " + e.getMessage() + ")";
    }
  }

  @Override
  public void stop(String containerId, Duration grace) {
    int seconds = (int) Math.min(Integer.MAX_VALUE, Math.max(0, (grace.toMillis() + 999) / 1000));
    call("stop container " + containerId, () -> {
      try {
        client.stopContainerCmd(containerId).withTimeout(seconds).exec();
      } catch (NotModifiedException alreadyStopped) {
        // nothing to do
      }
      return null;
    });
  }

  @Override
  public void remove(String containerId) {
    call("remove container " + containerId, () -> {
      try {
        client.removeContainerCmd(containerId).withForce(true).exec();
      } catch (NotFoundException alreadyGone) {
        // nothing to do
      }
      return null;
    });
  }

  @Override
  public Optional<ContainerInfo> inspect(String containerId) {
    return call("inspect container " + containerId, () -> {
      try {
        return Optional.of(info(client.inspectContainerCmd(containerId).exec()));
      } catch (NotFoundException e) {
        return Optional.empty();
      }
    });
  }

  static ContainerInfo info(InspectContainerResponse c) {
    InspectContainerResponse.ContainerState state = c.getState();
    String status = state == null || state.getStatus() == null ? "unknown" : state.getStatus();
    Long exit = state == null ? null : state.getExitCodeLong();
    Integer exitCode = exit == null || status.equals("running") || status.equals("created") ? null : exit.intValue();
    String name = c.getName() == null ? "" : c.getName().replaceFirst("^/", "");
    Map<String, String> labels = c.getConfig() == null || c.getConfig().getLabels() == null ? Map.of() : c.getConfig().getLabels();
    String started = state == null ? null : state.getStartedAt();
    return new ContainerInfo(c.getId(), name, status, exitCode, c.getImageId() == null ? "" : c.getImageId(), labels,
        started == null || started.startsWith("0001-01-01") ? null : started);
  }

  @Override
  public List<ContainerInfo> list(Map<String, String> labels) {
    List<Container> containers = call("list containers", () -> client.listContainersCmd().withShowAll(true).withLabelFilter(labels).exec());
    List<ContainerInfo> result = new ArrayList<>();
    for (Container c : containers) {
      inspect(c.getId()).filter(i -> i.labels().entrySet().containsAll(labels.entrySet())).ifPresent(result::add);
    }
    return result;
  }

  @Override
  public String logs(String containerId, int lines) {
    int tail = Math.max(1, Math.min(lines, MAX_LOG_LINES));
    StringBuilder out = new StringBuilder();
    call("read logs of container " + containerId, () -> {
      try {
        boolean done = client.logContainerCmd(containerId).withStdOut(true).withStdErr(true).withTail(tail)
            .exec(new ResultCallback.Adapter<Frame>() {
              @Override
              public void onNext(Frame frame) {
                synchronized (out) {
                  if (out.length() < MAX_LOG_BYTES) {
                    out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                  }
                }
              }
            })
            .awaitCompletion(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!done) {
          throw new DrydockException(ErrorKind.UNREACHABLE, "Tried to read logs of container " + containerId
              + " but failed because: no end within " + requestTimeout.toSeconds() + " s");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DrydockException(ErrorKind.UNREACHABLE, "Tried to read logs of container " + containerId
            + " but failed because: interrupted", e);
      }
      return null;
    });
    synchronized (out) {
      return out.length() > MAX_LOG_BYTES ? out.substring(out.length() - MAX_LOG_BYTES) : out.toString();
    }
  }

  @Override
  public void close() {
    try {
      client.close();
    } catch (IOException ignored) {
      // closing a connection pool: nothing useful to report
    }
  }

  /** Runs one API call and turns docker-java's failures into DrydockExceptions saying what was tried. */
  <T> T call(String what, Supplier<T> action) {
    checkSocket(host, URI.create(host));
    try {
      return action.get();
    } catch (DrydockException e) {
      throw e;
    } catch (NotFoundException e) {
      throw DrydockException.notFound("Tried to " + what + " but failed because: " + message(e));
    } catch (ConflictException e) {
      throw new DrydockException(ErrorKind.CONFLICT, "Tried to " + what + " but failed because: " + message(e), e);
    } catch (BadRequestException e) {
      throw DrydockException.invalidInput("Tried to " + what + " but failed because: " + message(e));
    } catch (DockerException e) {
      if (message(e).contains("already in use")) {
        throw new DrydockException(ErrorKind.CONFLICT, "Tried to " + what + " but failed because: " + message(e), e);
      }
      throw new DrydockException(ErrorKind.INVALID_INPUT, "Tried to " + what + " on " + host + " but failed because: the engine answered "
          + e.getHttpStatus() + ": " + message(e), e);
    } catch (RuntimeException e) {
      if (hasCause(e, IOException.class)) {
        throw new DrydockException(ErrorKind.UNREACHABLE, "Tried to " + what + " on the container engine at " + host
            + " but failed because: " + oneLine(rootCause(e)), e);
      }
      throw e;
    }
  }

  /** docker-java messages look like "Status 404: {\"message\":\"…\"}"; keep the engine's words on one line. */
  static String message(DockerException e) {
    String m = e.getMessage() == null ? "" : e.getMessage();
    int at = m.indexOf("\"message\":\"");
    if (at >= 0) {
      StringBuilder text = new StringBuilder();
      for (int i = at + 11; i < m.length() && m.charAt(i) != '"'; i++) {
        char c = m.charAt(i);
        if (c == '\\' && i + 1 < m.length()) {
          c = m.charAt(++i);
        }
        text.append(c);
      }
      m = text.toString();
    } else {
      m = m.replaceFirst("^Status [0-9]+: ", "");
    }
    return m.replaceAll("\\s*[\\r\\n]+\\s*", " / ").strip();
  }

  private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static Throwable rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }

  private static String oneLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return m.replaceAll("\\s*[\\r\\n]+\\s*", " / ").strip();
  }

  @Override
  public String toString() {
    return "DockerEngine[" + host + "]";
  }
}
