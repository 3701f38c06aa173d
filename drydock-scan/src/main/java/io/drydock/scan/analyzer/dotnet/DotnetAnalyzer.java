package io.drydock.scan.analyzer.dotnet;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drydock.image.layer.LayerEntry;
import io.drydock.model.Package;
import io.drydock.model.PackageType;
import io.drydock.model.PackageUrl;
import io.drydock.model.Skip;
import io.drydock.scan.analyzer.AnalysisInput;
import io.drydock.scan.analyzer.AnalysisResult;
import io.drydock.scan.analyzer.Analyzer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * NuGet packages of .NET applications, from two files:
 * <ul>
 *   <li>{@code NAME.deps.json} (written by {@code dotnet build/publish} beside the application): every entry of
 *       {@code libraries} ({@code "Name/Version": {"type": "package"}}); {@code project} and {@code reference}
 *       entries are the application's own code and are not reported.
 *   <li>{@code packages.lock.json} (NuGet lock file): every dependency of every target framework with a
 *       {@code resolved} version; {@code Project} references are not reported. The same package resolved for
 *       several frameworks is one package.
 * </ul>
 * Purl {@code pkg:nuget/Name@Version}.
 */
public final class DotnetAnalyzer implements Analyzer {
  static final long MAX_BYTES = 32L << 20;
  private static final ObjectMapper JSON = new ObjectMapper();
  /** NuGet package ids: letters, digits, '.', '_', '-' (at most 100). */
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,99}");
  private static final Pattern VERSION = Pattern.compile("[0-9][0-9A-Za-z.+-]{0,127}");

  @Override
  public String name() {
    return "dotnet";
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public boolean isRequired(LayerEntry entry) {
    String p = entry.path();
    String file = p.substring(p.lastIndexOf('/') + 1);
    return entry.type() == LayerEntry.Type.FILE
        && ((file.endsWith(".deps.json") && file.length() > ".deps.json".length()) || file.equals("packages.lock.json"));
  }

  @Override
  public AnalysisResult analyze(AnalysisInput input) throws IOException {
    String where = input.path();
    boolean lock = where.endsWith("packages.lock.json");
    String kind = lock ? "packages.lock.json" : "deps.json";
    if (input.entry().size() > MAX_BYTES) {
      return skip(where, kind + " larger than " + MAX_BYTES + " bytes");
    }
    JsonNode root;
    try {
      root = JSON.readTree(input.content().readAllBytes());
    } catch (JacksonException e) {
      return skip(where, "invalid " + kind + ": " + e.getOriginalMessage().replaceAll("\\s+", " "));
    }
    if (root == null || !root.isObject()) {
      return skip(where, kind + " is not a JSON object");
    }
    Map<String, Package> out = new LinkedHashMap<>();
    List<Skip> skipped = new ArrayList<>();
    if (lock) {
      JsonNode frameworks = root.get("dependencies");
      if (frameworks == null || !frameworks.isObject()) {
        return skip(where, "packages.lock.json without dependencies");
      }
      for (JsonNode deps : frameworks) {
        for (Map.Entry<String, JsonNode> e : deps.properties()) {
          if (e.getValue().path("type").asText("").equals("Project")) {
            continue;
          }
          add(out, skipped, e.getKey(), e.getValue().path("resolved").asText(""), where);
        }
      }
    } else {
      JsonNode libraries = root.get("libraries");
      if (libraries == null || !libraries.isObject()) {
        return skip(where, "deps.json without libraries");
      }
      for (Map.Entry<String, JsonNode> e : libraries.properties()) {
        if (!e.getValue().path("type").asText("").equals("package")) {
          continue;
        }
        int slash = e.getKey().indexOf('/');
        add(out, skipped, slash < 0 ? e.getKey() : e.getKey().substring(0, slash),
            slash < 0 ? "" : e.getKey().substring(slash + 1), where);
      }
    }
    return new AnalysisResult(null, List.copyOf(out.values()), skipped);
  }

  private static void add(Map<String, Package> out, List<Skip> skipped, String id, String version, String where) {
    if (!ID.matcher(id).matches() || !VERSION.matcher(version).matches()) {
      skipped.add(new Skip(where, "package without a valid id and version: " + id + " " + version));
      return;
    }
    String purl = PackageUrl.of(PackageType.NUGET.purlType(), null, id, version).toString();
    out.putIfAbsent(id + "@" + version,
        new Package(PackageType.NUGET, id, version, null, null, null, purl, where, null, List.of()));
  }

  private static AnalysisResult skip(String where, String reason) {
    return new AnalysisResult(null, List.of(), List.of(new Skip(where, reason)));
  }
}
