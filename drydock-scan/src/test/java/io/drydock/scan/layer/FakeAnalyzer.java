package io.drydock.scan.layer;

import io.drydock.image.layer.LayerEntry;
import io.drydock.model.OsInfo;
import io.drydock.model.Package;
import io.drydock.model.PackageType;
import io.drydock.scan.analyzer.AnalysisInput;
import io.drydock.scan.analyzer.AnalysisResult;
import io.drydock.scan.analyzer.Analyzer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A trivial analyzer for tests: for the paths it wants, each line {@code name@version} of the content is a
 * package, a line {@code os=family:version} is OS facts; a line {@code boom} makes it throw.
 */
public final class FakeAnalyzer implements Analyzer {
  private final String name;
  private final int version;
  private final Predicate<String> wants;
  final List<String> seen = new ArrayList<>();

  public FakeAnalyzer(String name, int version, Predicate<String> wants) {
    this.name = name;
    this.version = version;
    this.wants = wants;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int version() {
    return version;
  }

  @Override
  public boolean isRequired(LayerEntry entry) {
    return wants.test(entry.path());
  }

  @Override
  public AnalysisResult analyze(AnalysisInput input) throws IOException {
    String content = new String(input.content().readAllBytes(), StandardCharsets.UTF_8);
    seen.add(input.path() + "=" + content.length());
    List<Package> packages = new ArrayList<>();
    OsInfo os = null;
    for (String line : content.split("\n")) {
      if (line.equals("boom")) {
        throw new IOException("cannot parse\nline 1");
      } else if (line.startsWith("os=")) {
        String[] parts = line.substring(3).split(":");
        os = new OsInfo(parts[0], parts[1], null);
      } else if (line.contains("@")) {
        packages.add(pkg(line.substring(0, line.indexOf('@')), line.substring(line.indexOf('@') + 1), input.path()));
      }
    }
    return new AnalysisResult(os, packages, List.of());
  }

  public static Package pkg(String name, String version, String location) {
    return new Package(PackageType.APK, name, version, null, null, null, "pkg:apk/" + name + "@" + version, location, null, List.of());
  }
}
