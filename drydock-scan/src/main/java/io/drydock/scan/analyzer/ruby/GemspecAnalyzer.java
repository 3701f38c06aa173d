package io.drydock.scan.analyzer.ruby;

import io.drydock.image.layer.LayerEntry;
import io.drydock.model.Package;
import io.drydock.model.PackageType;
import io.drydock.model.PackageUrl;
import io.drydock.model.Skip;
import io.drydock.scan.analyzer.AnalysisInput;
import io.drydock.scan.analyzer.AnalysisResult;
import io.drydock.scan.analyzer.Analyzer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Installed gems: the {@code specifications/NAME-VERSION.gemspec} files (also {@code specifications/default/})
 * that rubygems writes into a gem home when it installs a gem. Those files are generated Ruby with one
 * {@code s.name = "…"} and one {@code s.version = "…"} assignment, and a {@code # stub: NAME VERSION PLATFORM}
 * line above them; the assignments are read, the stub line is the fallback. A gemspec is never evaluated, so
 * a hand-written one whose version comes from code (a constant, {@code File.read}) is skipped with a reason.
 */
public final class GemspecAnalyzer implements Analyzer {
  /** Only the head is read; name and version are in the first lines of every generated gemspec. */
  static final int MAX_BYTES = 1 << 20;

  private static final Pattern INSTALLED = Pattern.compile("(?:.*/)?specifications/(?:default/)?[^/]+\\.gemspec");
  private static final Pattern NAME = Pattern.compile("(?m)^\\s*\\w+\\.name\\s*=\\s*[\"']([^\"'\\s]+)[\"']");
  private static final Pattern VERSION = Pattern.compile("(?m)^\\s*\\w+\\.version\\s*=\\s*[\"']([^\"'\\s]+)[\"']");
  private static final Pattern STUB = Pattern.compile("(?m)^# stub: (\\S+) (\\S+)");
  private static final Pattern LICENSES = Pattern.compile("(?m)^\\s*\\w+\\.licenses?\\s*=\\s*(\\[[^\\]\\n]*\\]|[\"'][^\"'\\n]*[\"'])");
  private static final Pattern QUOTED = Pattern.compile("[\"']([^\"']+)[\"']");
  private static final Pattern GEM_NAME = Pattern.compile("[A-Za-z0-9_.][A-Za-z0-9_.-]*");

  @Override
  public String name() {
    return "gemspec";
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
    byte[] head = input.content().readNBytes((int) Math.min(input.entry().size(), MAX_BYTES));
    String text = new String(head, StandardCharsets.UTF_8);
    String name = first(NAME, text, 1);
    String version = first(VERSION, text, 1);
    Matcher stub = STUB.matcher(text);
    if (stub.find()) {
      name = name == null ? stub.group(1) : name;
      version = version == null ? stub.group(2) : version;
    }
    if (name == null || version == null || !GEM_NAME.matcher(name).matches()) {
      return new AnalysisResult(null, List.of(),
          List.of(new Skip(input.path(), "gemspec without a literal s.name and s.version")));
    }
    return AnalysisResult.ofPackages(List.of(gem(name, version, input.path(), licenses(text))));
  }

  static Package gem(String name, String version, String location, List<String> licenses) {
    String purl = PackageUrl.of(PackageType.GEM.purlType(), null, name, version).toString();
    return new Package(PackageType.GEM, name, version, null, null, null, purl, location, null, licenses);
  }

  private static @org.jspecify.annotations.Nullable String first(Pattern p, String text, int group) {
    Matcher m = p.matcher(text);
    return m.find() ? m.group(group) : null;
  }

  /** {@code s.licenses = ["MIT".freeze, "Ruby".freeze]} or {@code s.license = "MIT"}. */
  static List<String> licenses(String text) {
    Matcher m = LICENSES.matcher(text);
    List<String> out = new ArrayList<>();
    if (m.find()) {
      Matcher q = QUOTED.matcher(m.group(1));
      while (q.find()) {
        out.add(q.group(1));
      }
    }
    return out;
  }
}
