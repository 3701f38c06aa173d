package io.drydock.engine.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.BadRequestException;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import io.drydock.model.Digest;
import io.drydock.image.engine.DockerClients;
import io.drydock.model.DrydockException;
import io.drydock.model.EngineHost;
import io.drydock.model.ErrorKind;
import io.drydock.model.ImageRef;
import io.drydock.rollout.spi.ContainerEngine;
import io.drydock.rollout.spi.ContainerInfo;
import io.drydock.rollout.spi.ContainerSpec;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

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
    return connect(EngineHost.resolve(null, System.getenv()));
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
    DockerReplies.checkSocket(host, uri);
    DockerClient client = DockerClients.open(host, Duration.ofSeconds(5), requestTimeout.plusMinutes(1), 16);
    DockerEngine engine = new DockerEngine(host, client, requestTimeout, startupCheck);
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

  @Override
  public Digest pull(ImageRef image, Duration timeout) {
    String name = image.registry() + "/" + image.repository();
    Optional<InspectImageResponse> local = localImage(image);
    if (local.isEmpty()) {
      String tag = image.digest() != null ? image.digest().toString() : image.tagOrLatest();
      DockerReplies.PullProgress progress = new DockerReplies.PullProgress();
      boolean done = call("pull " + image, () -> {
        try {
          return client.pullImageCmd(name).withTag(tag).exec(progress).awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new DrydockException(ErrorKind.UNREACHABLE, "Tried to pull " + image + " but failed because: interrupted", e);
        } catch (DockerClientException e) {
          throw DockerReplies.pullFailure(image, e);
        }
      });
      if (progress.error != null) {
        throw DockerReplies.pullFailure(image, new DockerClientException("Could not pull image: " + progress.error));
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
    return image.digest() != null ? image.digest() : DockerReplies.digestOf(local.get(), image);
  }

  /** Local image by the forms an engine accepts, most specific first. */
  private Optional<InspectImageResponse> localImage(ImageRef image) {
    for (String candidate : DockerReplies.localNames(image)) {
      Optional<InspectImageResponse> found = inspectImage(candidate);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
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
    String reference = DockerReplies.localNames(spec.image()).stream()
        .filter(n -> inspectImage(n).isPresent())
        .findFirst()
        .orElseThrow(() -> DrydockException.notFound("Tried to " + what + " but failed because: the image is not present on "
            + host + " (pull it first)"));
    HostConfig hostConfig = HostConfig.newHostConfig().withNetworkMode(spec.networkMode());
    if (!spec.volumes().isEmpty()) {
      hostConfig.withBinds(spec.volumes().stream().map(DockerReplies::bind).toList());
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
        throw new DrydockException(ErrorKind.CONFLICT, "Tried to " + what + " but failed because: " + DockerReplies.message(e), e);
      } catch (BadRequestException e) {
        throw DrydockException.invalidInput("Tried to " + what + " but failed because: " + DockerReplies.message(e));
      }
    });
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
        return Optional.of(DockerReplies.info(client.inspectContainerCmd(containerId).exec()));
      } catch (NotFoundException e) {
        return Optional.empty();
      }
    });
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
    DockerReplies.checkSocket(host, URI.create(host));
    try {
      return action.get();
    } catch (DrydockException e) {
      throw e;
    } catch (NotFoundException e) {
      throw DrydockException.notFound("Tried to " + what + " but failed because: " + DockerReplies.message(e));
    } catch (ConflictException e) {
      throw new DrydockException(ErrorKind.CONFLICT, "Tried to " + what + " but failed because: " + DockerReplies.message(e), e);
    } catch (BadRequestException e) {
      throw DrydockException.invalidInput("Tried to " + what + " but failed because: " + DockerReplies.message(e));
    } catch (DockerException e) {
      if (DockerReplies.message(e).contains("already in use")) {
        throw new DrydockException(ErrorKind.CONFLICT, "Tried to " + what + " but failed because: " + DockerReplies.message(e), e);
      }
      throw new DrydockException(ErrorKind.INVALID_INPUT, "Tried to " + what + " on " + host + " but failed because: the engine answered "
          + e.getHttpStatus() + ": " + DockerReplies.message(e), e);
    } catch (RuntimeException e) {
      if (DockerReplies.hasCause(e, IOException.class)) {
        throw new DrydockException(ErrorKind.UNREACHABLE, "Tried to " + what + " on the container engine at " + host
            + " but failed because: " + DockerReplies.oneLine(DockerReplies.rootCause(e)), e);
      }
      throw e;
    }
  }

  @Override
  public String toString() {
    return "DockerEngine[" + host + "]";
  }
}
