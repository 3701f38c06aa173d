package io.drydock.rollout.spec;

import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import io.drydock.model.ImageRef;
import io.drydock.rollout.spec.HealthCheck.Probe;
import io.drydock.rollout.spec.MetricProvider.HaproxyStat;
import io.drydock.rollout.spec.RolloutStrategy.Step;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
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

  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)?");
  private static final Pattern SIZE = Pattern.compile("(\\d{1,12})([kmgKMG]?)[bB]?");
  private static final Pattern RANGE = Pattern.compile("(\\d{1,5})\\s*-\\s*(\\d{1,5})");

  private final String fileName;
  private final List<String> errors = new ArrayList<>();

  private ServiceFile(String fileName) {
    this.fileName = fileName;
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
      throw DrydockException.invalidInput(fileName + ": not valid YAML: " + msg);
    }
    if (!(root instanceof YMap top)) {
      throw DrydockException.invalidInput(fileName + ":" + root.line() + ": a service file must be a mapping");
    }
    ServiceSpec spec = service(top);
    if (!errors.isEmpty() || spec == null) {
      String first = errors.isEmpty() ? fileName + ": invalid service file" : errors.get(0);
      String more = errors.size() > 1 ? "; " + String.join("; ", errors.subList(1, Math.min(errors.size(), 10)))
          + (errors.size() > 10 ? "; (" + (errors.size() - 10) + " more)" : "") : "";
      throw DrydockException.invalidInput(first + more);
    }
    return spec;
  }

  private @Nullable ServiceSpec service(YMap m) {
    keys(m, "", Set.of("service", "image", "replicas", "container", "network", "healthCheck", "router", "strategy",
        "smokeTests", "analysisTemplates", "progressDeadline", "tier")); // tier: read by the policy (issue 9)
    String name = requiredString(m, "service", "service");
    ImageRef image = null;
    YScalar imageNode = scalar(m, "image", "image", true);
    if (imageNode != null && imageNode.text() != null) {
      try {
        image = ImageRef.parse(imageNode.text());
      } catch (IllegalArgumentException e) {
        error(imageNode, "image", e.getMessage());
      }
    }
    int replicas = integer(m, "replicas", "replicas", 1, 1, 32);
    ContainerSettings container = container(m.entries().get("container"));
    NetworkSettings network = network(m.entries().get("network"), replicas);
    HealthCheck health = health(m.entries().get("healthCheck"));
    RouterSpec router = router(m.entries().get("router"), m);
    Map<String, AnalysisTemplate> templates = templates(m.entries().get("analysisTemplates"));
    RolloutStrategy strategy = strategy(m.entries().get("strategy"), templates.keySet());
    List<Metric> smoke = new ArrayList<>();
    YNode smokeNode = m.entries().get("smokeTests");
    if (smokeNode != null) {
      YList list = list(smokeNode, "smokeTests");
      if (list != null) {
        for (int i = 0; i < list.items().size(); i++) {
          Metric metric = metric(list.items().get(i), "smokeTests[" + i + "]", true);
          if (metric != null) {
            smoke.add(metric);
          }
        }
      }
    }
    Duration deadline = duration(m, "progressDeadline", "progressDeadline", Duration.ofMinutes(2));
    if (name == null || image == null || container == null || network == null || health == null || router == null
        || strategy == null || !errors.isEmpty()) {
      return null;
    }
    String finalName = name;
    ImageRef finalImage = image;
    return attempt(m, "", () -> new ServiceSpec(finalName, finalImage, replicas, container, network, health, router,
        strategy, smoke, templates, deadline));
  }

  private @Nullable ContainerSettings container(@Nullable YNode node) {
    if (node == null) {
      return ContainerSettings.defaults();
    }
    YMap m = map(node, "container");
    if (m == null) {
      return null;
    }
    keys(m, "container.", Set.of("env", "ports", "volumes", "command", "labels", "resources", "stopGrace"));
    Map<String, String> env = stringMap(m, "env", "container.env");
    Map<String, String> labels = stringMap(m, "labels", "container.labels");
    List<String> volumes = stringList(m, "volumes", "container.volumes");
    List<String> command = stringList(m, "command", "container.command");
    List<Integer> ports = new ArrayList<>();
    YNode portsNode = m.entries().get("ports");
    if (portsNode != null) {
      YList l = list(portsNode, "container.ports");
      if (l != null) {
        for (int i = 0; i < l.items().size(); i++) {
          Integer p = intOf(l.items().get(i), "container.ports[" + i + "]", 1, 65535);
          if (p != null) {
            ports.add(p);
          }
        }
      }
    }
    for (int i = 0; i < volumes.size(); i++) {
      String v = volumes.get(i);
      if (v.split(":", -1).length < 2 || v.split(":", -1).length > 3 || v.startsWith(":")) {
        error(line(m, "volumes"), "container.volumes[" + i + "]", "must be source:target[:ro], got '" + v + "'");
      }
    }
    Long memory = null;
    Long nanoCpus = null;
    YNode resNode = m.entries().get("resources");
    if (resNode != null) {
      YMap res = map(resNode, "container.resources");
      if (res != null) {
        keys(res, "container.resources.", Set.of("memory", "cpus"));
        YScalar mem = scalar(res, "memory", "container.resources.memory", false);
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
              error(mem, "container.resources.memory", "must be at least 4m");
            }
          } else {
            error(mem, "container.resources.memory", "must be a size such as 256m or 1g, got '" + mem.text() + "'");
          }
        }
        YScalar cpus = scalar(res, "cpus", "container.resources.cpus", false);
        if (cpus != null && cpus.text() != null) {
          try {
            double c = Double.parseDouble(cpus.text());
            if (!(c > 0 && c <= 1024)) {
              throw new NumberFormatException();
            }
            nanoCpus = Math.round(c * 1e9);
          } catch (NumberFormatException e) {
            error(cpus, "container.resources.cpus", "must be a number of CPUs such as 0.5, got '" + cpus.text() + "'");
          }
        }
      }
    }
    Duration grace = duration(m, "stopGrace", "container.stopGrace", Duration.ofSeconds(30));
    Long fm = memory;
    Long fc = nanoCpus;
    return attempt(m, "container", () -> new ContainerSettings(env, ports, volumes, command, labels, fm, fc, grace));
  }

  private @Nullable NetworkSettings network(@Nullable YNode node, int replicas) {
    String mode = "host";
    int from = 20000;
    int to = 20000 + Math.max(30, 3 * replicas) - 1;
    if (node != null) {
      YMap m = map(node, "network");
      if (m == null) {
        return null;
      }
      keys(m, "network.", Set.of("mode", "portRange"));
      mode = string(m, "mode", "network.mode", "host");
      YScalar range = scalar(m, "portRange", "network.portRange", false);
      if (range != null && range.text() != null) {
        Matcher rm = RANGE.matcher(range.text().trim());
        if (!rm.matches()) {
          error(range, "network.portRange", "must be FROM-TO such as 20000-20099, got '" + range.text() + "'");
          return null;
        }
        from = Integer.parseInt(rm.group(1));
        to = Integer.parseInt(rm.group(2));
        if (to - from + 1 < 3 * replicas) {
          error(range, "network.portRange", "holds " + Math.max(0, to - from + 1) + " ports; " + (3 * replicas)
              + " are needed (stable, new and kept-for-undo sides of " + replicas + " replicas)");
          return null;
        }
      }
      String fmode = mode;
      int ffrom = from;
      int fto = to;
      return attempt(m.entries().getOrDefault("portRange", m), "network", () -> new NetworkSettings(fmode, ffrom, fto));
    }
    return new NetworkSettings(mode, from, to);
  }

  private @Nullable HealthCheck health(@Nullable YNode node) {
    if (node == null) {
      return new HealthCheck(new HealthCheck.Tcp(), Duration.ofSeconds(1), Duration.ofSeconds(1), 1, 3);
    }
    YMap m = map(node, "healthCheck");
    if (m == null) {
      return null;
    }
    keys(m, "healthCheck.", Set.of("http", "tcp", "command", "interval", "timeout", "rise", "fall"));
    List<String> kinds = m.entries().keySet().stream().filter(k -> Set.of("http", "tcp", "command").contains(k)).toList();
    Probe probe = new HealthCheck.Tcp();
    if (kinds.size() > 1) {
      error(m, "healthCheck", "must have only one of http, tcp, command; found " + String.join(", ", kinds));
      return null;
    }
    if (kinds.contains("http")) {
      YMap http = map(m.entries().get("http"), "healthCheck.http");
      if (http == null) {
        return null;
      }
      keys(http, "healthCheck.http.", Set.of("path"));
      String path = string(http, "path", "healthCheck.http.path", "/");
      Probe p = attempt(http, "healthCheck.http.path", () -> new HealthCheck.Http(path));
      if (p == null) {
        return null;
      }
      probe = p;
    } else if (kinds.contains("command")) {
      List<String> argv = stringList(m, "command", "healthCheck.command");
      Probe p = attempt(m.entries().get("command"), "healthCheck.command", () -> new HealthCheck.Command(argv));
      if (p == null) {
        return null;
      }
      probe = p;
    }
    Duration interval = duration(m, "interval", "healthCheck.interval", Duration.ofSeconds(1));
    Duration timeout = duration(m, "timeout", "healthCheck.timeout", Duration.ofSeconds(1));
    int rise = integer(m, "rise", "healthCheck.rise", 1, 1, 100);
    int fall = integer(m, "fall", "healthCheck.fall", 3, 1, 100);
    Probe fp = probe;
    return attempt(m, "healthCheck", () -> new HealthCheck(fp, interval, timeout, rise, fall));
  }

  private @Nullable RouterSpec router(@Nullable YNode node, YMap parent) {
    if (node == null) {
      error(parent, "router", "is required (frontend, backend, socket of the HAProxy that carries the traffic)");
      return null;
    }
    YMap m = map(node, "router");
    if (m == null) {
      return null;
    }
    keys(m, "router.", Set.of("frontend", "backend", "socket"));
    String frontend = string(m, "frontend", "router.frontend", "");
    String backend = requiredString(m, "backend", "router.backend");
    String socket = requiredString(m, "socket", "router.socket");
    if (backend == null || socket == null) {
      return null;
    }
    return attempt(m, "router", () -> new RouterSpec(frontend, backend, socket));
  }

  private Map<String, AnalysisTemplate> templates(@Nullable YNode node) {
    Map<String, AnalysisTemplate> out = new LinkedHashMap<>();
    if (node == null) {
      return out;
    }
    YMap m = map(node, "analysisTemplates");
    if (m == null) {
      return out;
    }
    for (Map.Entry<String, YNode> e : m.entries().entrySet()) {
      String path = "analysisTemplates." + e.getKey();
      YMap t = map(e.getValue(), path);
      if (t == null) {
        continue;
      }
      keys(t, path + ".", Set.of("metrics"));
      YNode metricsNode = t.entries().get("metrics");
      if (metricsNode == null) {
        error(t, path + ".metrics", "is required");
        continue;
      }
      YList list = list(metricsNode, path + ".metrics");
      if (list == null) {
        continue;
      }
      List<Metric> metrics = new ArrayList<>();
      for (int i = 0; i < list.items().size(); i++) {
        Metric metric = metric(list.items().get(i), path + ".metrics[" + i + "]", false);
        if (metric != null) {
          metrics.add(metric);
        }
      }
      AnalysisTemplate template = attempt(t, path, () -> new AnalysisTemplate(e.getKey(), metrics));
      if (template != null) {
        out.put(e.getKey(), template);
      }
    }
    return out;
  }

  private @Nullable Metric metric(YNode node, String path, boolean smoke) {
    YMap m = map(node, path);
    if (m == null) {
      return null;
    }
    keys(m, path + ".", Set.of("name", "provider", "interval", "count", "successCondition", "failureCondition",
        "failureLimit", "inconclusiveLimit", "consecutiveErrorLimit", "initialDelay"));
    String name = requiredString(m, "name", path + ".name");
    YNode providerNode = m.entries().get("provider");
    MetricProvider provider = null;
    if (providerNode == null) {
      error(m, path + ".provider", "is required (haproxy, http or command)");
    } else {
      provider = provider(providerNode, path + ".provider");
    }
    Duration interval = m.entries().containsKey("interval") ? duration(m, "interval", path + ".interval", Duration.ofSeconds(1)) : null;
    Integer count = m.entries().containsKey("count") ? integer(m, "count", path + ".count", 1, 1, 10_000) : null;
    if (interval != null && count == null) {
      error(m.entries().get("interval"), path + ".count", "is required with interval (a rollout step must end)");
    }
    if (smoke && (interval != null || count != null)) {
      error(m, path, "a smoke test is measured once; remove interval and count");
    }
    Condition success = condition(m, "successCondition", path);
    Condition failure = condition(m, "failureCondition", path);
    if (success == null && failure == null && provider instanceof MetricProvider.Http h && h.jsonPath() == null) {
      success = Condition.parse("result >= 200 && result < 400");
    }
    int failureLimit = integer(m, "failureLimit", path + ".failureLimit", 0, 0, 10_000);
    int inconclusiveLimit = integer(m, "inconclusiveLimit", path + ".inconclusiveLimit", 0, 0, 10_000);
    int errorLimit = integer(m, "consecutiveErrorLimit", path + ".consecutiveErrorLimit", Metric.DEFAULT_CONSECUTIVE_ERROR_LIMIT, 0, 10_000);
    Duration initialDelay = duration(m, "initialDelay", path + ".initialDelay", Duration.ZERO);
    if (name == null || provider == null) {
      return null;
    }
    MetricProvider fp = provider;
    Condition fs = success;
    return attempt(m, path, () -> new Metric(name, fp, interval, count, fs, failure, failureLimit, inconclusiveLimit,
        errorLimit, initialDelay));
  }

  private @Nullable Condition condition(YMap m, String key, String path) {
    YScalar s = scalar(m, key, path + "." + key, false);
    if (s == null || s.text() == null) {
      return null;
    }
    try {
      return Condition.parse(s.text());
    } catch (IllegalArgumentException e) {
      error(s, path + "." + key, e.getMessage());
      return null;
    }
  }

  private @Nullable MetricProvider provider(YNode node, String path) {
    YMap m = map(node, path);
    if (m == null) {
      return null;
    }
    keys(m, path + ".", Set.of("haproxy", "http", "command"));
    if (m.entries().size() != 1) {
      error(m, path, "must have exactly one of haproxy, http, command");
      return null;
    }
    String kind = m.entries().keySet().iterator().next();
    YNode body = m.entries().get(kind);
    String p = path + "." + kind;
    switch (kind) {
      case "haproxy": {
        YMap h = map(body, p);
        if (h == null) {
          return null;
        }
        keys(h, p + ".", Set.of("stat", "window"));
        String stat = requiredString(h, "stat", p + ".stat");
        Duration window = duration(h, "window", p + ".window", Duration.ofSeconds(5));
        if (stat == null) {
          return null;
        }
        HaproxyStat s = HaproxyStat.ofYaml(stat);
        if (s == null) {
          error(line(h, "stat"), p + ".stat", "must be errorRate, avgResponseMillis or requests, got '" + stat + "'");
          return null;
        }
        return new MetricProvider.Haproxy(s, window);
      }
      case "http": {
        YMap h = map(body, p);
        if (h == null) {
          return null;
        }
        keys(h, p + ".", Set.of("url", "path", "method", "jsonPath", "timeout"));
        String url = string(h, "url", p + ".url", null);
        String hp = string(h, "path", p + ".path", "/");
        String method = string(h, "method", p + ".method", "GET");
        String jsonPath = string(h, "jsonPath", p + ".jsonPath", null);
        if (jsonPath != null && !jsonPath.startsWith("$")) {
          error(line(h, "jsonPath"), p + ".jsonPath", "must start with '$' such as $.status, got '" + jsonPath + "'");
        }
        Duration timeout = duration(h, "timeout", p + ".timeout", Duration.ofSeconds(5));
        return attempt(h, p, () -> new MetricProvider.Http(url, hp, method, jsonPath, timeout));
      }
      default: {
        if (body instanceof YMap c) {
          keys(c, p + ".", Set.of("argv", "timeout"));
          List<String> argv = stringList(c, "argv", p + ".argv");
          Duration timeout = duration(c, "timeout", p + ".timeout", Duration.ofSeconds(30));
          return attempt(c, p, () -> new MetricProvider.Command(argv, timeout));
        }
        List<String> argv = stringListOf(body, p);
        return attempt(body, p, () -> new MetricProvider.Command(argv, Duration.ofSeconds(30)));
      }
    }
  }

  private @Nullable RolloutStrategy strategy(@Nullable YNode node, Set<String> templates) {
    if (node == null) {
      return new RolloutStrategy.BlueGreen(true, Duration.ZERO, List.of(), List.of(), Duration.ofSeconds(30), 0);
    }
    YMap m = map(node, "strategy");
    if (m == null) {
      return null;
    }
    keys(m, "strategy.", Set.of("blueGreen", "canary"));
    if (m.entries().size() != 1) {
      error(m, "strategy", "must have exactly one of blueGreen, canary");
      return null;
    }
    if (m.entries().containsKey("blueGreen")) {
      YMap b = map(m.entries().get("blueGreen"), "strategy.blueGreen");
      if (b == null) {
        return null;
      }
      String p = "strategy.blueGreen.";
      keys(b, p, Set.of("autoPromotion", "autoPromotionSeconds", "prePromotionAnalysis", "postPromotionAnalysis",
          "scaleDownDelaySeconds", "previewReplicas"));
      boolean auto = bool(b, "autoPromotion", p + "autoPromotion", true);
      int autoSeconds = integer(b, "autoPromotionSeconds", p + "autoPromotionSeconds", 0, 0, 86_400);
      List<String> pre = templateRefs(b, "prePromotionAnalysis", p + "prePromotionAnalysis", templates);
      List<String> post = templateRefs(b, "postPromotionAnalysis", p + "postPromotionAnalysis", templates);
      int delay = integer(b, "scaleDownDelaySeconds", p + "scaleDownDelaySeconds", 30, 0, 86_400);
      int preview = integer(b, "previewReplicas", p + "previewReplicas", 0, 0, 32);
      return attempt(b, "strategy.blueGreen", () -> new RolloutStrategy.BlueGreen(auto, Duration.ofSeconds(autoSeconds),
          pre, post, Duration.ofSeconds(delay), preview));
    }
    YMap c = map(m.entries().get("canary"), "strategy.canary");
    if (c == null) {
      return null;
    }
    keys(c, "strategy.canary.", Set.of("steps", "scaleDownDelaySeconds"));
    int delay = integer(c, "scaleDownDelaySeconds", "strategy.canary.scaleDownDelaySeconds", 30, 0, 86_400);
    List<Step> steps = new ArrayList<>();
    YNode stepsNode = c.entries().get("steps");
    if (stepsNode == null) {
      error(c, "strategy.canary.steps", "is required");
      return null;
    }
    YList list = list(stepsNode, "strategy.canary.steps");
    if (list == null) {
      return null;
    }
    for (int i = 0; i < list.items().size(); i++) {
      String p = "strategy.canary.steps[" + i + "]";
      YMap s = map(list.items().get(i), p);
      if (s == null) {
        continue;
      }
      keys(s, p + ".", Set.of("setWeight", "pause", "analysis"));
      if (s.entries().size() != 1) {
        error(s, p, "must have exactly one of setWeight, pause, analysis");
        continue;
      }
      String kind = s.entries().keySet().iterator().next();
      YNode body = s.entries().get(kind);
      switch (kind) {
        case "setWeight" -> {
          Integer w = intOf(body, p + ".setWeight", 0, 100);
          if (w != null) {
            steps.add(new RolloutStrategy.SetWeight(w));
          }
        }
        case "pause" -> {
          if (body instanceof YScalar sc && sc.text() == null) {
            steps.add(new RolloutStrategy.Pause(null));
          } else {
            YMap pm = map(body, p + ".pause");
            if (pm != null) {
              keys(pm, p + ".pause.", Set.of("duration"));
              Duration d = pm.entries().containsKey("duration") ? duration(pm, "duration", p + ".pause.duration", Duration.ZERO) : null;
              steps.add(new RolloutStrategy.Pause(d));
            }
          }
        }
        default -> {
          YMap am = map(body, p + ".analysis");
          if (am != null) {
            keys(am, p + ".analysis.", Set.of("templates"));
            List<String> refs = templateRefs(am, "templates", p + ".analysis.templates", templates);
            if (refs.isEmpty() && !am.entries().containsKey("templates")) {
              error(am, p + ".analysis.templates", "is required");
            } else if (!refs.isEmpty()) {
              steps.add(new RolloutStrategy.Analysis(refs));
            }
          }
        }
      }
    }
    return attempt(c, "strategy.canary", () -> new RolloutStrategy.Canary(steps, Duration.ofSeconds(delay)));
  }

  private List<String> templateRefs(YMap m, String key, String path, Set<String> templates) {
    YNode n = m.entries().get(key);
    if (n == null) {
      return List.of();
    }
    List<String> refs = n instanceof YScalar s && s.text() != null ? List.of(s.text()) : stringListOf(n, path);
    for (String r : refs) {
      if (!templates.contains(r)) {
        error(n, path, "names analysis template '" + r + "', which analysisTemplates does not define");
      }
    }
    return refs;
  }

  // ---- scalar helpers ----

  private void keys(YMap m, String prefix, Set<String> allowed) {
    for (Map.Entry<String, Integer> e : m.keyLines().entrySet()) {
      if (!allowed.contains(e.getKey())) {
        errors.add(fileName + ":" + e.getValue() + ": " + prefix + e.getKey() + " is not a known key (expected one of "
            + String.join(", ", allowed.stream().sorted().toList()) + ")");
      }
    }
  }

  private void error(@Nullable YNode node, String path, String message) {
    errors.add(fileName + ":" + (node == null ? 1 : node.line()) + ": " + path + " " + message);
  }

  private void error(int line, String path, String message) {
    errors.add(fileName + ":" + line + ": " + path + " " + message);
  }

  private static int line(YMap m, String key) {
    YNode n = m.entries().get(key);
    return n == null ? m.line() : n.line();
  }

  private <T> @Nullable T attempt(YNode at, String path, Supplier<T> make) {
    try {
      return make.get();
    } catch (IllegalArgumentException e) {
      if (errors.isEmpty()) {
        errors.add(fileName + ":" + at.line() + ": " + (path.isEmpty() ? "" : path + ": ") + e.getMessage());
      }
      return null;
    }
  }

  private @Nullable YMap map(@Nullable YNode n, String path) {
    if (n instanceof YMap m) {
      return m;
    }
    error(n, path, "must be a mapping");
    return null;
  }

  private @Nullable YList list(YNode n, String path) {
    if (n instanceof YList l) {
      return l;
    }
    error(n, path, "must be a list");
    return null;
  }

  private @Nullable YScalar scalar(YMap m, String key, String path, boolean required) {
    YNode n = m.entries().get(key);
    if (n == null) {
      if (required) {
        error(m, path, "is required");
      }
      return null;
    }
    if (n instanceof YScalar s) {
      if (s.text() == null && required) {
        error(s, path, "is required");
      }
      return s;
    }
    error(n, path, "must be a single value");
    return null;
  }

  private @Nullable String requiredString(YMap m, String key, String path) {
    YScalar s = scalar(m, key, path, true);
    if (s == null || s.text() == null) {
      return null;
    }
    if (s.text().isBlank()) {
      error(s, path, "must not be empty");
      return null;
    }
    return s.text();
  }

  private String string(YMap m, String key, String path, String dflt) {
    YScalar s = scalar(m, key, path, false);
    return s == null || s.text() == null ? dflt : s.text();
  }

  private int integer(YMap m, String key, String path, int dflt, int min, int max) {
    YNode n = m.entries().get(key);
    if (n == null) {
      return dflt;
    }
    Integer v = intOf(n, path, min, max);
    return v == null ? dflt : v;
  }

  private @Nullable Integer intOf(YNode n, String path, int min, int max) {
    if (n instanceof YScalar s && s.text() != null && !s.isString()) {
      try {
        int v = Integer.parseInt(s.text());
        if (v < min || v > max) {
          error(s, path, "must be " + min + ".." + max);
          return null;
        }
        return v;
      } catch (NumberFormatException e) {
        // fall through
      }
    }
    error(n, path, "must be an integer " + min + ".." + max);
    return null;
  }

  private boolean bool(YMap m, String key, String path, boolean dflt) {
    YNode n = m.entries().get(key);
    if (n == null) {
      return dflt;
    }
    if (n instanceof YScalar s && ("true".equals(s.text()) || "false".equals(s.text())) && !s.isString()) {
      return Boolean.parseBoolean(s.text());
    }
    error(n, path, "must be true or false");
    return dflt;
  }

  private Duration duration(YMap m, String key, String path, Duration dflt) {
    YScalar s = scalar(m, key, path, false);
    if (s == null || s.text() == null) {
      return dflt;
    }
    Duration d = parseDuration(s.text());
    if (d == null) {
      error(s, path, "must be a duration such as 500ms, 30s, 5m or 1h, got '" + s.text() + "'");
      return dflt;
    }
    return d;
  }

  /** Parses {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h} or a bare number of seconds; null when malformed. */
  public static @Nullable Duration parseDuration(String text) {
    Matcher dm = DURATION.matcher(text.trim());
    if (!dm.matches()) {
      return null;
    }
    long n = Long.parseLong(dm.group(1));
    String unit = dm.group(2) == null ? "s" : dm.group(2);
    return switch (unit) {
      case "ms" -> Duration.ofMillis(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofSeconds(n);
    };
  }

  private Map<String, String> stringMap(YMap m, String key, String path) {
    Map<String, String> out = new LinkedHashMap<>();
    YNode n = m.entries().get(key);
    if (n == null) {
      return out;
    }
    YMap map = map(n, path);
    if (map == null) {
      return out;
    }
    for (Map.Entry<String, YNode> e : map.entries().entrySet()) {
      if (e.getValue() instanceof YScalar s && s.text() != null) {
        out.put(e.getKey(), s.text());
      } else {
        error(e.getValue(), path + "." + e.getKey(), "must be a single value");
      }
    }
    return out;
  }

  private List<String> stringList(YMap m, String key, String path) {
    YNode n = m.entries().get(key);
    return n == null ? List.of() : stringListOf(n, path);
  }

  private List<String> stringListOf(YNode n, String path) {
    List<String> out = new ArrayList<>();
    YList l = list(n, path);
    if (l == null) {
      return out;
    }
    for (int i = 0; i < l.items().size(); i++) {
      if (l.items().get(i) instanceof YScalar s && s.text() != null) {
        out.add(s.text());
      } else {
        error(l.items().get(i), path + "[" + i + "]", "must be a single value");
      }
    }
    return out;
  }
}
