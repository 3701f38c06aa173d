package io.drydock.scan.db;

import com.fasterxml.jackson.databind.JsonNode;
import io.drydock.model.Advisory;
import io.drydock.model.Severity;
import io.drydock.scan.version.VersionScheme;
import io.drydock.scan.version.VersionSchemes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Alpine's security database ({@code secdb}, https://secdb.alpinelinux.org) converted into OSV-shaped advisories.
 * Two layouts are read: the release document ({@code {distroversion, packages:[{pkg:{name, secfixes}}]}}) and
 * the one-file-per-source-package split ({@code {name, secfixes, distroversion}}). {@code secfixes} maps a fixed
 * version to the ids it fixes; the key {@code "0"} lists ids that do NOT affect the package, which are counted
 * and dropped. Each id becomes advisory {@code ALPINE-<id>} (alias {@code <id>}) with one affected entry per
 * (release, source package): introduced 0, fixed at the lowest version listing it.
 */
final class AlpineSecdb {
  private static final Pattern ID = Pattern.compile("[A-Za-z][A-Za-z0-9]*-[0-9A-Za-z][0-9A-Za-z._-]*");

  /** (ecosystem, package) -> id -> lowest fixed version; merged over every secdb document of one import. */
  private final Map<String, Map<String, String>> fixes = new LinkedHashMap<>();
  private final VersionScheme apk = VersionSchemes.apk();
  private int notAffected;

  static boolean looksLikeSecdb(JsonNode n) {
    return (n.has("secfixes") && n.has("name")) || (n.has("packages") && n.has("distroversion"));
  }

  /** Adds one document; returns a skip reason, or null when it was read. */
  @Nullable String add(JsonNode n) {
    String release = n.path("distroversion").asText("");
    if (release.isBlank()) {
      return "Alpine secdb document without distroversion";
    }
    String ecosystem = "Alpine:" + release;
    if (n.has("packages")) {
      JsonNode pkgs = n.get("packages");
      if (!pkgs.isArray()) {
        return "Alpine secdb packages is not an array";
      }
      for (JsonNode p : pkgs) {
        JsonNode pkg = p.path("pkg");
        String reason = addPackage(ecosystem, pkg.path("name").asText(""), pkg.get("secfixes"));
        if (reason != null) {
          return reason;
        }
      }
      return null;
    }
    return addPackage(ecosystem, n.path("name").asText(""), n.get("secfixes"));
  }

  private @Nullable String addPackage(String ecosystem, String name, @Nullable JsonNode secfixes) {
    if (name.isBlank()) {
      return "Alpine secdb package without a name";
    }
    if (secfixes == null || secfixes.isNull()) {
      return null;
    }
    if (!secfixes.isObject()) {
      return "Alpine secdb secfixes of " + name + " is not an object";
    }
    String key = ecosystem + "\u0000" + name;
    Map<String, String> byId = fixes.computeIfAbsent(key, k -> new LinkedHashMap<>());
    for (Map.Entry<String, JsonNode> e : secfixes.properties()) {
      String fixed = e.getKey().strip();
      if (!e.getValue().isArray()) {
        continue;
      }
      for (JsonNode idNode : e.getValue()) {
        for (String token : idNode.asText("").split("\\s+")) {
          if (!ID.matcher(token).matches()) {
            continue;
          }
          if (fixed.equals("0")) {
            notAffected++;
            continue;
          }
          byId.merge(token, fixed, (old, neu) -> apk.compare(neu, old) < 0 ? neu : old);
        }
      }
    }
    return null;
  }

  int notAffected() {
    return notAffected;
  }

  /** The advisories of everything added, one per id. */
  List<Advisory> advisories() {
    Map<String, List<Advisory.Affected>> byId = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, String>> pkg : fixes.entrySet()) {
      String[] k = pkg.getKey().split("\u0000", 2);
      for (Map.Entry<String, String> id : pkg.getValue().entrySet()) {
        Advisory.Range range =
            new Advisory.Range(
                Advisory.RangeType.ECOSYSTEM,
                List.of(new Advisory.Introduced("0"), new Advisory.Fixed(id.getValue())));
        byId.computeIfAbsent(id.getKey(), x -> new ArrayList<>())
            .add(new Advisory.Affected(k[0], k[1], List.of(range), List.of()));
      }
    }
    List<Advisory> out = new ArrayList<>();
    for (Map.Entry<String, List<Advisory.Affected>> e : byId.entrySet()) {
      out.add(
          new Advisory(
              "ALPINE-" + e.getKey(), List.of(e.getKey()), null, null, null, null, Severity.UNKNOWN, List.of(),
              e.getValue(), null, "alpine-secdb"));
    }
    return out;
  }
}
