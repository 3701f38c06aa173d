package io.drydock.rollout.spec;

import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import io.drydock.model.ImageRef;
import io.drydock.rollout.spec.HealthCheck.Probe;
import io.drydock.rollout.spec.YNode.YList;
import io.drydock.rollout.spec.YNode.YMap;
import io.drydock.rollout.spec.YNode.YScalar;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads and validates a service file. Every problem is reported with its file name, line and path, as in
 * {@code service.yaml:12: strategy.canary.steps[1].setWeight must be 0..100}; all problems found are joined
 * into one line.
 */
public final class ServiceFile {
  /** Service files are small; anything bigger is refused before parsing. */
  public static final int MAX_BYTES = 1 << 20;

  private static final Pattern SIZE = Pattern.compile("(\\d{1,12})([kmgKMG]?)[bB]?");
  private static final Pattern RANGE = Pattern.compile("(\\d{1,5})\\s*-\\s*(\\d{1,5})");

  private final YamlBinder in;
  private final AnalysisSection analysis;
  private final StrategySection strategies;

  private ServiceFile(String fileName) {
    this.in = new YamlBinder(fileName);
    this.analysis = new AnalysisSection(in);
    this.strategies = new StrategySection(in);
  }

  /** Reads the file; INVALID_INPUT with every problem found, NOT_FOUND when it does not exist. */
  public static ServiceSpec read(Path file) {
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw DrydockException.invalidInput("Tried to read service file " + file + " but failed because: it is larger than "
            + MAX_BYTES + " bytes");
      }
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.getFileName().toString());
    } catch (NoSuchFileException e) {
      throw DrydockException.notFound("Tried to read service file " + file + " but failed because: it does not exist");
    } catch (IOException e) {
      throw new DrydockException(ErrorKind.INVALID_INPUT, "Tried to read service file " + file + " but failed because: " + e.getMessage(), e);
    }
  }

  /** Parses YAML text; {@code fileName} prefixes error messages. */
  public static ServiceSpec parse(String yaml, String fileName) {
    return new ServiceFile(fileName).bind(yaml);
  }

  private ServiceSpec bind(String yaml) {
    YNode root;
    try {
      root = YamlTree.read(yaml);
    } catch (IOException | RuntimeException e) {
      String msg = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
      throw DrydockException.invalidInput(in.fileName + ": not valid YAML: " + msg);
    }
    if (!(root instanceof YMap top)) {
      throw DrydockException.invalidInput(in.fileName + ":" + root.line() + ": a service file must be a mapping");
    }
    ServiceSpec spec = service(top);
    if (!in.errors.isEmpty() || spec == null) {
      String first = in.errors.isEmpty() ? in.fileName + ": invalid service file" : in.errors.get(0);
      String more = in.errors.size() > 1 ? "; " + String.join("; ", in.errors.subList(1, Math.min(in.errors.size(), 10)))
          + (in.errors.size() > 10 ? "; (" + (in.errors.size() - 10) + " more)" : "") : "";
      throw DrydockException.invalidInput(first + more);
    }
    return spec;
  }

  private @Nullable ServiceSpec service(YMap m) {
    in.keys(m, "", Set.of("service", "image", "replicas", "container", "network", "healthCheck", "router", "strategy",
        "smokeTests", "analysisTemplates", "progressDeadline"));
    String name = in.requiredString(m, "service", "service");
    ImageRef image = null;
    YScalar imageNode = in.scalar(m, "image", "image", true);
    if (imageNode != null && imageNode.text() != null) {
      try {
        image = ImageRef.parse(imageNode.text());
      } catch (IllegalArgumentException e) {
        in.error(imageNode, "image", e.getMessage());
      }
    }
    int replicas = in.integer(m, "replicas", "replicas", 1, 1, 32);
    ContainerSettings container = container(m.entries().get("container"));
    NetworkSettings network = network(m.entries().get("network"), replicas);
    HealthCheck health = health(m.entries().get("healthCheck"));
    RouterSpec router = router(m.entries().get("router"), m);
    Map<String, AnalysisTemplate> templates = analysis.templates(m.entries().get("analysisTemplates"));
    RolloutStrategy strategy = strategies.strategy(m.entries().get("strategy"), templates.keySet());
    List<Metric> smoke = new ArrayList<>();
    YNode smokeNode = m.entries().get("smokeTests");
    if (smokeNode != null) {
      YList list = in.list(smokeNode, "smokeTests");
      if (list != null) {
        for (int i = 0; i < list.items().size(); i++) {
          Metric metric = analysis.metric(list.items().get(i), "smokeTests[" + i + "]", true);
          if (metric != null) {
            smoke.add(metric);
          }
        }
      }
    }
    Duration deadline = in.duration(m, "progressDeadline", "progressDeadline", Duration.ofMinutes(2));
    if (name == null || image == null || container == null || network == null || health == null || router == null
        || strategy == null || !in.errors.isEmpty()) {
      return null;
    }
    String finalName = name;
    ImageRef finalImage = image;
    return in.attempt(m, "", () -> new ServiceSpec(finalName, finalImage, replicas, container, network, health, router,
        strategy, smoke, templates, deadline));
  }

  private @Nullable ContainerSettings container(@Nullable YNode node) {
    if (node == null) {
      return ContainerSettings.defaults();
    }
    YMap m = in.map(node, "container");
    if (m == null) {
      return null;
    }
    in.keys(m, "container.", Set.of("env", "ports", "volumes", "command", "labels", "resources", "stopGrace"));
    Map<String, String> env = in.stringMap(m, "env", "container.env");
    Map<String, String> labels = in.stringMap(m, "labels", "container.labels");
    List<String> volumes = in.stringList(m, "volumes", "container.volumes");
    List<String> command = in.stringList(m, "command", "container.command");
    List<Integer> ports = new ArrayList<>();
    YNode portsNode = m.entries().get("ports");
    if (portsNode != null) {
      YList l = in.list(portsNode, "container.ports");
      if (l != null) {
        for (int i = 0; i < l.items().size(); i++) {
          Integer p = in.intOf(l.items().get(i), "container.ports[" + i + "]", 1, 65535);
          if (p != null) {
            ports.add(p);
          }
        }
      }
    }
    for (int i = 0; i < volumes.size(); i++) {
      String v = volumes.get(i);
      if (v.split(":", -1).length < 2 || v.split(":", -1).length > 3 || v.startsWith(":")) {
        in.error(in.line(m, "volumes"), "container.volumes[" + i + "]", "must be source:target[:ro], got '" + v + "'");
      }
    }
    Long memory = null;
    Long nanoCpus = null;
    YNode resNode = m.entries().get("resources");
    if (resNode != null) {
      YMap res = in.map(resNode, "container.resources");
      if (res != null) {
        in.keys(res, "container.resources.", Set.of("memory", "cpus"));
        YScalar mem = in.scalar(res, "memory", "container.resources.memory", false);
        if (mem != null && mem.text() != null) {
          Matcher mm = SIZE.matcher(mem.text().trim());
          if (mm.matches()) {
            long unit = switch (mm.group(2).toLowerCase(Locale.ROOT)) {
              case "k" -> 1024L;
              case "m" -> 1024L * 1024;
              case "g" -> 1024L * 1024 * 1024;
              default -> 1L;
            };
            memory = Long.parseLong(mm.group(1)) * unit;
            if (memory < 4L * 1024 * 1024) {
              in.error(mem, "container.resources.memory", "must be at least 4m");
            }
          } else {
            in.error(mem, "container.resources.memory", "must be a size such as 256m or 1g, got '" + mem.text() + "'");
          }
        }
        YScalar cpus = in.scalar(res, "cpus", "container.resources.cpus", false);
        if (cpus != null && cpus.text() != null) {
          try {
            double c = Double.parseDouble(cpus.text());
            if (!(c > 0 && c <= 1024)) {
              throw new NumberFormatException();
            }
            nanoCpus = Math.round(c * 1e9);
          } catch (NumberFormatException e) {
            in.error(cpus, "container.resources.cpus", "must be a number of CPUs such as 0.5, got '" + cpus.text() + "'");
          }
        }
      }
    }
    Duration grace = in.duration(m, "stopGrace", "container.stopGrace", Duration.ofSeconds(30));
    Long fm = memory;
    Long fc = nanoCpus;
    return in.attempt(m, "container", () -> new ContainerSettings(env, ports, volumes, command, labels, fm, fc, grace));
  }

  private @Nullable NetworkSettings network(@Nullable YNode node, int replicas) {
    String mode = "host";
    int from = 20000;
    int to = 20000 + Math.max(30, 3 * replicas) - 1;
    if (node != null) {
      YMap m = in.map(node, "network");
      if (m == null) {
        return null;
      }
      in.keys(m, "network.", Set.of("mode", "portRange"));
      mode = in.string(m, "mode", "network.mode", "host");
      YScalar range = in.scalar(m, "portRange", "network.portRange", false);
      if (range != null && range.text() != null) {
        Matcher rm = RANGE.matcher(range.text().trim());
        if (!rm.matches()) {
          in.error(range, "network.portRange", "must be FROM-TO such as 20000-20099, got '" + range.text() + "'");
          return null;
        }
        from = Integer.parseInt(rm.group(1));
        to = Integer.parseInt(rm.group(2));
        if (to - from + 1 < 3 * replicas) {
          in.error(range, "network.portRange", "holds " + Math.max(0, to - from + 1) + " ports; " + (3 * replicas)
              + " are needed (stable, new and kept-for-undo sides of " + replicas + " replicas)");
          return null;
        }
      }
      String fmode = mode;
      int ffrom = from;
      int fto = to;
      return in.attempt(m.entries().getOrDefault("portRange", m), "network", () -> new NetworkSettings(fmode, ffrom, fto));
    }
    return new NetworkSettings(mode, from, to);
  }

  private @Nullable HealthCheck health(@Nullable YNode node) {
    if (node == null) {
      return new HealthCheck(new HealthCheck.Tcp(), Duration.ofSeconds(1), Duration.ofSeconds(1), 1, 3);
    }
    YMap m = in.map(node, "healthCheck");
    if (m == null) {
      return null;
    }
    in.keys(m, "healthCheck.", Set.of("http", "tcp", "command", "interval", "timeout", "rise", "fall"));
    List<String> kinds = m.entries().keySet().stream().filter(k -> Set.of("http", "tcp", "command").contains(k)).toList();
    Probe probe = new HealthCheck.Tcp();
    if (kinds.size() > 1) {
      in.error(m, "healthCheck", "must have only one of http, tcp, command; found " + String.join(", ", kinds));
      return null;
    }
    if (kinds.contains("http")) {
      YMap http = in.map(m.entries().get("http"), "healthCheck.http");
      if (http == null) {
        return null;
      }
      in.keys(http, "healthCheck.http.", Set.of("path"));
      String path = in.string(http, "path", "healthCheck.http.path", "/");
      Probe p = in.attempt(http, "healthCheck.http.path", () -> new HealthCheck.Http(path));
      if (p == null) {
        return null;
      }
      probe = p;
    } else if (kinds.contains("command")) {
      List<String> argv = in.stringList(m, "command", "healthCheck.command");
      Probe p = in.attempt(m.entries().get("command"), "healthCheck.command", () -> new HealthCheck.Command(argv));
      if (p == null) {
        return null;
      }
      probe = p;
    }
    Duration interval = in.duration(m, "interval", "healthCheck.interval", Duration.ofSeconds(1));
    Duration timeout = in.duration(m, "timeout", "healthCheck.timeout", Duration.ofSeconds(1));
    int rise = in.integer(m, "rise", "healthCheck.rise", 1, 1, 100);
    int fall = in.integer(m, "fall", "healthCheck.fall", 3, 1, 100);
    Probe fp = probe;
    return in.attempt(m, "healthCheck", () -> new HealthCheck(fp, interval, timeout, rise, fall));
  }

  private @Nullable RouterSpec router(@Nullable YNode node, YMap parent) {
    if (node == null) {
      in.error(parent, "router", "is required (frontend, backend, socket of the HAProxy that carries the traffic)");
      return null;
    }
    YMap m = in.map(node, "router");
    if (m == null) {
      return null;
    }
    in.keys(m, "router.", Set.of("frontend", "backend", "socket"));
    String frontend = in.string(m, "frontend", "router.frontend", "");
    String backend = in.requiredString(m, "backend", "router.backend");
    String socket = in.requiredString(m, "socket", "router.socket");
    if (backend == null || socket == null) {
      return null;
    }
    return in.attempt(m, "router", () -> new RouterSpec(frontend, backend, socket));
  }

  /** Parses {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h} or a bare number of seconds; null when malformed. */
  public static @Nullable Duration parseDuration(String text) {
    return YamlBinder.parseDuration(text);
  }
}
