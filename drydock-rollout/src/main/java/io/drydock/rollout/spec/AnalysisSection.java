package io.drydock.rollout.spec;

import io.drydock.rollout.spec.MetricProvider.HaproxyStat;
import io.drydock.rollout.spec.YNode.YList;
import io.drydock.rollout.spec.YNode.YMap;
import io.drydock.rollout.spec.YNode.YScalar;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The {@code analysisTemplates} and {@code smokeTests} sections of a service file: metrics, conditions, providers. */
final class AnalysisSection {
  private final YamlBinder in;

  AnalysisSection(YamlBinder in) {
    this.in = in;
  }

  Map<String, AnalysisTemplate> templates(@Nullable YNode node) {
    Map<String, AnalysisTemplate> out = new LinkedHashMap<>();
    if (node == null) {
      return out;
    }
    YMap m = in.map(node, "analysisTemplates");
    if (m == null) {
      return out;
    }
    for (Map.Entry<String, YNode> e : m.entries().entrySet()) {
      String path = "analysisTemplates." + e.getKey();
      YMap t = in.map(e.getValue(), path);
      if (t == null) {
        continue;
      }
      in.keys(t, path + ".", Set.of("metrics"));
      YNode metricsNode = t.entries().get("metrics");
      if (metricsNode == null) {
        in.error(t, path + ".metrics", "is required");
        continue;
      }
      YList list = in.list(metricsNode, path + ".metrics");
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
      AnalysisTemplate template = in.attempt(t, path, () -> new AnalysisTemplate(e.getKey(), metrics));
      if (template != null) {
        out.put(e.getKey(), template);
      }
    }
    return out;
  }

  @Nullable Metric metric(YNode node, String path, boolean smoke) {
    YMap m = in.map(node, path);
    if (m == null) {
      return null;
    }
    in.keys(m, path + ".", Set.of("name", "provider", "interval", "count", "successCondition", "failureCondition",
        "failureLimit", "inconclusiveLimit", "consecutiveErrorLimit", "initialDelay"));
    String name = in.requiredString(m, "name", path + ".name");
    YNode providerNode = m.entries().get("provider");
    MetricProvider provider = null;
    if (providerNode == null) {
      in.error(m, path + ".provider", "is required (haproxy, http or command)");
    } else {
      provider = provider(providerNode, path + ".provider");
    }
    Duration interval = m.entries().containsKey("interval") ? in.duration(m, "interval", path + ".interval", Duration.ofSeconds(1)) : null;
    Integer count = m.entries().containsKey("count") ? in.integer(m, "count", path + ".count", 1, 1, 10_000) : null;
    if (interval != null && count == null) {
      in.error(m.entries().get("interval"), path + ".count", "is required with interval (a rollout step must end)");
    }
    if (smoke && (interval != null || count != null)) {
      in.error(m, path, "a smoke test is measured once; remove interval and count");
    }
    Condition success = condition(m, "successCondition", path);
    Condition failure = condition(m, "failureCondition", path);
    if (success == null && failure == null && provider instanceof MetricProvider.Http h && h.jsonPath() == null) {
      success = Condition.parse("result >= 200 && result < 400");
    }
    int failureLimit = in.integer(m, "failureLimit", path + ".failureLimit", 0, 0, 10_000);
    int inconclusiveLimit = in.integer(m, "inconclusiveLimit", path + ".inconclusiveLimit", 0, 0, 10_000);
    int errorLimit = in.integer(m, "consecutiveErrorLimit", path + ".consecutiveErrorLimit", Metric.DEFAULT_CONSECUTIVE_ERROR_LIMIT, 0, 10_000);
    Duration initialDelay = in.duration(m, "initialDelay", path + ".initialDelay", Duration.ZERO);
    if (name == null || provider == null) {
      return null;
    }
    MetricProvider fp = provider;
    Condition fs = success;
    return in.attempt(m, path, () -> new Metric(name, fp, interval, count, fs, failure, failureLimit, inconclusiveLimit,
        errorLimit, initialDelay));
  }

  private @Nullable Condition condition(YMap m, String key, String path) {
    YScalar s = in.scalar(m, key, path + "." + key, false);
    if (s == null || s.text() == null) {
      return null;
    }
    try {
      return Condition.parse(s.text());
    } catch (IllegalArgumentException e) {
      in.error(s, path + "." + key, e.getMessage());
      return null;
    }
  }

  private @Nullable MetricProvider provider(YNode node, String path) {
    YMap m = in.map(node, path);
    if (m == null) {
      return null;
    }
    in.keys(m, path + ".", Set.of("haproxy", "http", "command"));
    if (m.entries().size() != 1) {
      in.error(m, path, "must have exactly one of haproxy, http, command");
      return null;
    }
    String kind = m.entries().keySet().iterator().next();
    YNode body = m.entries().get(kind);
    String p = path + "." + kind;
    switch (kind) {
      case "haproxy": {
        YMap h = in.map(body, p);
        if (h == null) {
          return null;
        }
        in.keys(h, p + ".", Set.of("stat", "window"));
        String stat = in.requiredString(h, "stat", p + ".stat");
        Duration window = in.duration(h, "window", p + ".window", Duration.ofSeconds(5));
        if (stat == null) {
          return null;
        }
        HaproxyStat s = HaproxyStat.ofYaml(stat);
        if (s == null) {
          in.error(in.line(h, "stat"), p + ".stat", "must be errorRate, avgResponseMillis or requests, got '" + stat + "'");
          return null;
        }
        return new MetricProvider.Haproxy(s, window);
      }
      case "http": {
        YMap h = in.map(body, p);
        if (h == null) {
          return null;
        }
        in.keys(h, p + ".", Set.of("url", "path", "method", "jsonPath", "timeout"));
        String url = in.string(h, "url", p + ".url", null);
        String hp = in.string(h, "path", p + ".path", "/");
        String method = in.string(h, "method", p + ".method", "GET");
        String jsonPath = in.string(h, "jsonPath", p + ".jsonPath", null);
        if (jsonPath != null && !jsonPath.startsWith("$")) {
          in.error(in.line(h, "jsonPath"), p + ".jsonPath", "must start with '$' such as $.status, got '" + jsonPath + "'");
        }
        Duration timeout = in.duration(h, "timeout", p + ".timeout", Duration.ofSeconds(5));
        return in.attempt(h, p, () -> new MetricProvider.Http(url, hp, method, jsonPath, timeout));
      }
      default: {
        if (body instanceof YMap c) {
          in.keys(c, p + ".", Set.of("argv", "timeout"));
          List<String> argv = in.stringList(c, "argv", p + ".argv");
          Duration timeout = in.duration(c, "timeout", p + ".timeout", Duration.ofSeconds(30));
          return in.attempt(c, p, () -> new MetricProvider.Command(argv, timeout));
        }
        List<String> argv = in.stringListOf(body, p);
        return in.attempt(body, p, () -> new MetricProvider.Command(argv, Duration.ofSeconds(30)));
      }
    }
  }
}
