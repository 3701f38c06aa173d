package io.drydock.scan.analyzer.php;

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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Composer packages, from {@code vendor/composer/installed.json} (Composer 1 writes a JSON array of packages,
 * Composer 2 an object {@code {"packages": [...], "dev-package-names": [...]}}) and from {@code composer.lock}
 * ({@code packages}). As Trivy does by default, development packages ({@code packages-dev} of the lockfile, the
 * {@code dev-package-names} of installed.json) are not reported. Name {@code vendor/name}, version as Composer
 * wrote it; purl {@code pkg:composer/vendor/name@version}.
 */
public final class ComposerAnalyzer implements Analyzer {
  /** Real files are at most a few MB (a large Drupal site's lockfile is about 1 MB). */
  static final long MAX_BYTES = 32L << 20;
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Packagist names: {@code vendor/name}, lower case, as Composer's schema requires. */
  private static final Pattern NAME = Pattern.compile("[a-z0-9]([_.-]?[a-z0-9]+)*/[a-z0-9](([_.]|-{1,2})?[a-z0-9]+)*");
  private static final Pattern VERSION = Pattern.compile("\\S{1,128}");

  @Override
  public String name() {
    return "composer";
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public boolean isRequired(LayerEntry entry) {
    String p = entry.path();
    return entry.type() == LayerEntry.Type.FILE
        && (p.equals("vendor/composer/installed.json") || p.endsWith("/vendor/composer/installed.json")
            || p.equals("composer.lock") || p.endsWith("/composer.lock"));
  }

  @Override
  public AnalysisResult analyze(AnalysisInput input) throws IOException {
    String where = input.path();
    boolean lockfile = where.endsWith("composer.lock");
    String kind = lockfile ? "composer.lock" : "installed.json";
    if (input.entry().size() > MAX_BYTES) {
      return skip(where, kind + " larger than " + MAX_BYTES + " bytes");
    }
    JsonNode root;
    try {
      root = JSON.readTree(input.content().readAllBytes());
    } catch (JacksonException e) {
      return skip(where, "invalid " + kind + ": " + e.getOriginalMessage().replaceAll("\\s+", " "));
    }
    JsonNode list = root == null ? null : root.isArray() && !lockfile ? root : root.get("packages");
    if (list == null || !list.isArray()) {
      return skip(where, kind + " without a packages list");
    }
    Set<String> dev = new HashSet<>();
    root.path("dev-package-names").forEach(n -> dev.add(n.asText()));
    Map<String, Package> out = new LinkedHashMap<>();
    List<Skip> skipped = new ArrayList<>();
    for (JsonNode p : list) {
      String name = p.path("name").asText("");
      String version = p.path("version").asText("");
      if (dev.contains(name)) {
        continue;
      }
      if (!NAME.matcher(name).matches() || !VERSION.matcher(version).matches()) {
        skipped.add(new Skip(where, "package without a valid vendor/name and version: " + name + " " + version));
        continue;
      }
      out.putIfAbsent(name + "@" + version, toPackage(name, version, where, p.path("license")));
    }
    return new AnalysisResult(null, List.copyOf(out.values()), skipped);
  }

  private static Package toPackage(String name, String version, String where, JsonNode license) {
    int slash = name.indexOf('/');
    String purl =
        PackageUrl.of(PackageType.COMPOSER.purlType(), name.substring(0, slash), name.substring(slash + 1), version).toString();
    List<String> licenses = new ArrayList<>();
    if (license.isArray()) {
      license.forEach(l -> licenses.add(l.asText()));
    } else if (license.isTextual()) {
      licenses.add(license.asText());
    }
    return new Package(PackageType.COMPOSER, name, version, null, null, null, purl, where, null, licenses);
  }

  private static AnalysisResult skip(String where, String reason) {
    return new AnalysisResult(null, List.of(), List.of(new Skip(where, reason)));
  }
}
