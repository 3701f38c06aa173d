package io.drydock.scan.analyzer.npm;

import com.fasterxml.jackson.core.JacksonException;
import io.drydock.image.layer.LayerEntry;
import io.drydock.model.Package;
import io.drydock.model.PackageType;
import io.drydock.model.Skip;
import io.drydock.scan.analyzer.AnalysisInput;
import io.drydock.scan.analyzer.AnalysisResult;
import io.drydock.scan.analyzer.Analyzer;
import io.drydock.model.PackageUrl;
import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Installed npm packages: the {@code package.json} of every package directory directly under a
 * {@code node_modules} directory ({@code node_modules/NAME/package.json},
 * {@code node_modules/@SCOPE/NAME/package.json}, at any depth of nesting). Other {@code package.json} files
 * (the application's own, test fixtures inside a package) are not installed packages and are not read.
 */
public final class NpmPackageAnalyzer implements Analyzer {
  /** Largest package.json read; real ones are a few KB. */
  static final long MAX_BYTES = 10L << 20;

  private static final Pattern INSTALLED =
      Pattern.compile("(?:.*/)?node_modules/(?:@[^/]+/)?[^/@][^/]*/package\\.json");
  private static final Pattern NAME = Pattern.compile("(?:@([^/\\s]+)/)?([^/\\s@][^/\\s]*)");
  private static final Pattern VERSION = Pattern.compile("\\S+");

  @Override
  public String name() {
    return "npm";
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public boolean isRequired(LayerEntry entry) {
    return entry.type() == LayerEntry.Type.FILE && INSTALLED.matcher(entry.path()).matches();
  }

  @Override
  public AnalysisResult analyze(AnalysisInput input) throws IOException {
    String where = input.path();
    if (input.entry().size() > MAX_BYTES) {
      return skip(where, "package.json larger than " + MAX_BYTES + " bytes");
    }
    PackageJson json;
    try {
      json = PackageJson.parse(input.content());
    } catch (JacksonException e) {
      return skip(where, "invalid package.json: " + e.getOriginalMessage().replaceAll("\\s+", " "));
    }
    return toPackage(json, where)
        .map(p -> AnalysisResult.ofPackages(List.of(p)))
        .orElseGet(() -> skip(where, "package.json without a valid name and version"));
  }

  static java.util.Optional<Package> toPackage(PackageJson json, String location) {
    String name = json.name() == null ? "" : json.name().strip();
    String version = json.version() == null ? "" : json.version().strip();
    var m = NAME.matcher(name);
    if (!m.matches() || name.length() > 214 || !VERSION.matcher(version).matches()) {
      return java.util.Optional.empty();
    }
    String scope = m.group(1);
    String namespace = scope == null ? null : "@" + scope;
    String purl = PackageUrl.of(PackageType.NPM.purlType(), namespace, m.group(2), version).toString();
    return java.util.Optional.of(
        new Package(PackageType.NPM, name, version, null, null, null, purl, location, null, json.licenses()));
  }

  private static AnalysisResult skip(String where, String reason) {
    return new AnalysisResult(null, List.of(), List.of(new Skip(where, reason)));
  }
}
