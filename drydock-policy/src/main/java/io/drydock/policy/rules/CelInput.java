package io.drydock.policy.rules;

import io.drydock.model.Finding;
import io.drydock.model.ImageConfig;
import io.drydock.model.Package;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The input a CEL rule sees, as documented in {@code docs/policy-cel-input.md}. Missing values are empty
 * strings, lists or maps, never null, so expressions need no null checks. Findings are those left after
 * exceptions (with the rule's {@code ignoreUnfixed}, still all of them: test {@code f.fixed}).
 */
public final class CelInput {
  private CelInput() {}

  public static Map<String, Object> of(ImageFacts image, List<ImageFacts.FindingFacts> findings, ServiceFacts service, String tier) {
    Map<String, Object> in = new LinkedHashMap<>();
    Map<String, Object> img = new LinkedHashMap<>();
    img.put("name", image.name());
    img.put("registry", image.ref() == null ? "" : image.ref().registry());
    img.put("repository", image.ref() == null ? "" : image.ref().repository());
    img.put("tag", image.ref() == null || image.ref().tag() == null ? "" : image.ref().tag());
    var digest = image.ref() != null && image.ref().digest() != null ? image.ref().digest() : image.digest();
    img.put("digest", digest == null ? "" : digest.toString());
    img.put("created", image.created() == null ? "" : image.created().toString());
    img.put("baseImage", str(image.baseImage()));
    img.put("config", config(image.config()));
    in.put("image", img);
    in.put("config", config(image.config()));
    List<Object> pkgs = new ArrayList<>(image.packages().size());
    for (Package p : image.packages()) {
      pkgs.add(Map.of("name", p.name(), "version", p.version(), "type", p.type().toString(), "purl", p.purl(),
          "sourceName", p.sourceNameOrName()));
    }
    in.put("packages", pkgs);
    List<Object> fs = new ArrayList<>(findings.size());
    for (ImageFacts.FindingFacts ff : findings) {
      Finding f = ff.finding();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", f.id());
      m.put("aliases", f.aliases());
      m.put("severity", f.severity().name());
      m.put("fixed", f.isFixable());
      m.put("fixedVersions", f.fixedVersions());
      m.put("status", f.status().name());
      m.put("package", f.pkg().name());
      m.put("version", f.pkg().version());
      m.put("purl", f.pkg().purl());
      m.put("cvss", f.cvss() == null ? 0.0 : f.cvss().score());
      m.put("fixAvailable", ff.fixAvailable() == null ? "" : ff.fixAvailable().toString());
      fs.add(m);
    }
    in.put("findings", fs);
    in.put("service", Map.of("name", str(service.name()), "path", str(service.path()), "labels", service.labels()));
    in.put("tier", tier);
    return in;
  }

  private static Map<String, Object> config(ImageConfig c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("user", str(c.user()));
    m.put("entrypoint", c.entrypoint());
    m.put("cmd", c.cmd());
    m.put("env", c.env());
    m.put("exposedPorts", c.exposedPorts());
    m.put("workingDir", str(c.workingDir()));
    m.put("labels", c.labels());
    m.put("runsAsRoot", c.runsAsRoot());
    return m;
  }

  private static String str(@Nullable String s) {
    return s == null ? "" : s;
  }
}
