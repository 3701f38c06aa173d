package io.drydock.rollout.testing;

import io.drydock.model.Digest;
import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import io.drydock.model.ImageRef;
import io.drydock.rollout.spi.ContainerEngine;
import io.drydock.rollout.spi.ContainerInfo;
import io.drydock.rollout.spi.ContainerSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** In-memory container engine. Containers are keyed by name (the planner addresses them by name). */
public final class FakeEngine implements ContainerEngine {
  /** Runs when closed (tests that check who closes what). */
  public Runnable onClose = () -> {};

  public final Map<String, ContainerInfo> containers = new LinkedHashMap<>();
  public final Map<String, ContainerSpec> specs = new LinkedHashMap<>();
  public final Map<String, Digest> digests = new LinkedHashMap<>();
  public final List<String> calls = new ArrayList<>();
  public boolean unreachable;

  public static Digest digest(char c) {
    return Digest.parse("sha256:" + String.valueOf(c).repeat(64));
  }

  @Override
  public synchronized Digest pull(ImageRef image, Duration timeout) {
    check();
    calls.add("pull " + image);
    if (image.digest() != null) {
      return image.digest();
    }
    Digest d = digests.get(image.toString());
    if (d == null) {
      throw DrydockException.notFound("Tried to pull " + image + " but failed because: no such image");
    }
    return d;
  }

  @Override
  public synchronized String create(ContainerSpec spec) {
    check();
    calls.add("create " + spec.name());
    if (containers.containsKey(spec.name())) {
      throw new DrydockException(ErrorKind.CONFLICT, "name in use: " + spec.name());
    }
    specs.put(spec.name(), spec);
    containers.put(spec.name(), new ContainerInfo(spec.name(), spec.name(), "created", null, "img", spec.labels(), null));
    return spec.name();
  }

  @Override
  public synchronized void start(String id) {
    check();
    calls.add("start " + id);
    ContainerInfo c = get(id);
    containers.put(id, new ContainerInfo(c.id(), c.name(), "running", null, c.imageId(), c.labels(), "now"));
  }

  @Override
  public synchronized void stop(String id, Duration grace) {
    check();
    calls.add("stop " + id);
    ContainerInfo c = containers.get(id);
    if (c != null) {
      containers.put(id, new ContainerInfo(c.id(), c.name(), "exited", 0, c.imageId(), c.labels(), c.startedAt()));
    }
  }

  /** Simulates a crash. */
  public synchronized void kill(String id) {
    ContainerInfo c = get(id);
    containers.put(id, new ContainerInfo(c.id(), c.name(), "exited", 137, c.imageId(), c.labels(), c.startedAt()));
  }

  @Override
  public synchronized void remove(String id) {
    check();
    calls.add("remove " + id);
    containers.remove(id);
    specs.remove(id);
  }

  @Override
  public synchronized Optional<ContainerInfo> inspect(String id) {
    check();
    return Optional.ofNullable(containers.get(id));
  }

  @Override
  public synchronized List<ContainerInfo> list(Map<String, String> labels) {
    check();
    return containers.values().stream()
        .filter(c -> labels.entrySet().stream().allMatch(e -> e.getValue().equals(c.labels().get(e.getKey()))))
        .toList();
  }

  @Override
  public String logs(String id, int lines) {
    return "fake log of " + id;
  }

  @Override
  public void close() {
    onClose.run();
  }

  private ContainerInfo get(String id) {
    ContainerInfo c = containers.get(id);
    if (c == null) {
      throw DrydockException.notFound("no container " + id);
    }
    return c;
  }

  private void check() {
    if (unreachable) {
      throw new DrydockException(ErrorKind.UNREACHABLE, "Tried to reach the engine but failed because: fake is down");
    }
  }
}
