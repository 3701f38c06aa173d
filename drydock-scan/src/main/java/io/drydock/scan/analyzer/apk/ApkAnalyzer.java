package io.drydock.scan.analyzer.apk;

import io.drydock.image.layer.LayerEntry;
import io.drydock.model.Package;
import io.drydock.model.PackageType;
import io.drydock.model.Skip;
import io.drydock.scan.analyzer.AnalysisInput;
import io.drydock.scan.analyzer.AnalysisResult;
import io.drydock.scan.analyzer.Analyzer;
import io.drydock.scan.analyzer.ospkg.LineReader;
import io.drydock.scan.analyzer.ospkg.OsPurls;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Installed Alpine (and Wolfi/Chainguard) packages from {@code lib/apk/db/installed} or
 * {@code usr/lib/apk/db/installed}: records of {@code K:value} lines separated by blank lines. Kept: {@code P}
 * name, {@code V} version, {@code A} arch, {@code o} origin (the source package; its version is the package's
 * own), {@code L} license. A license that is an SPDX expression ({@code MPL-2.0 AND MIT}) is kept whole; an old
 * space-separated list ({@code MIT BSD GPL2+}) is split. A record without {@code P} or {@code V} is a
 * {@link Skip}. Memory is bounded as for dpkg: 64 KiB lines, at most 100 000 packages.
 */
public final class ApkAnalyzer implements Analyzer {
  static final int MAX_LINE = 64 * 1024;
  static final int MAX_PACKAGES = 100_000;
  private static final List<String> PATHS = List.of("lib/apk/db/installed", "usr/lib/apk/db/installed");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_+][A-Za-z0-9_+.@-]*");
  private static final Pattern VERSION = Pattern.compile("[0-9][0-9A-Za-z._+~-]*");
  private static final Pattern SPDX_OPERATOR = Pattern.compile("(^|[\\s(])(AND|OR|WITH)([\\s)]|$)|[()]");

  public ApkAnalyzer() {}

  @Override
  public String name() {
    return "apk";
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public boolean isRequired(LayerEntry entry) {
    return entry.type() == LayerEntry.Type.FILE && PATHS.contains(entry.path());
  }

  @Override
  public AnalysisResult analyze(AnalysisInput input) throws IOException {
    return parse(input.path(), input.content());
  }

  static AnalysisResult parse(String location, InputStream in) throws IOException {
    LineReader reader = new LineReader(in, MAX_LINE);
    List<Package> packages = new ArrayList<>();
    List<Skip> skips = new ArrayList<>();
    Rec rec = new Rec();
    String line;
    while ((line = reader.readLine()) != null) {
      if (line.isBlank()) {
        finish(rec, location, packages, skips);
        rec = new Rec();
        if (packages.size() >= MAX_PACKAGES) {
          skips.add(new Skip(location, "more than " + MAX_PACKAGES + " packages; the rest was not read"));
          break;
        }
        continue;
      }
      if (rec.startLine == 0) {
        rec.startLine = reader.lineNumber();
      }
      if (rec.problem != null) {
        continue;
      }
      if (line.length() < 2 || line.charAt(1) != ':') {
        rec.problem = "line " + reader.lineNumber() + " is not 'K:value'";
        continue;
      }
      char key = line.charAt(0);
      String value = line.substring(2);
      if ("PVAoL".indexOf(key) >= 0 && reader.lastLineTruncated()) {
        rec.problem = "field " + key + " longer than " + MAX_LINE + " bytes";
        continue;
      }
      switch (key) {
        case 'P' -> rec.name = value.trim();
        case 'V' -> rec.version = value.trim();
        case 'A' -> rec.arch = value.trim();
        case 'o' -> rec.origin = value.trim();
        case 'L' -> rec.license = value.trim();
        default -> { }
      }
    }
    finish(rec, location, packages, skips);
    return new AnalysisResult(null, packages, skips);
  }

  private static final class Rec {
    long startLine;
    @Nullable String problem;
    @Nullable String name;
    @Nullable String version;
    @Nullable String arch;
    @Nullable String origin;
    @Nullable String license;
  }

  private static void finish(Rec rec, String location, List<Package> packages, List<Skip> skips) {
    if (rec.startLine == 0) {
      return;
    }
    String where = location + ":" + rec.startLine + (rec.name != null ? " (" + rec.name + ")" : "");
    if (rec.problem != null) {
      skips.add(new Skip(where, rec.problem));
      return;
    }
    if (rec.name == null || rec.name.isEmpty()) {
      skips.add(new Skip(where, "record without P: (name)"));
      return;
    }
    if (!NAME.matcher(rec.name).matches()) {
      skips.add(new Skip(where, "invalid package name"));
      return;
    }
    if (rec.version == null || rec.version.isEmpty()) {
      skips.add(new Skip(where, "record without V: (version)"));
      return;
    }
    if (!VERSION.matcher(rec.version).matches()) {
      skips.add(new Skip(where, "invalid version"));
      return;
    }
    String origin = rec.origin == null || rec.origin.isEmpty() || rec.origin.equals(rec.name) ? null : rec.origin;
    if (origin != null && !NAME.matcher(origin).matches()) {
      skips.add(new Skip(where, "invalid origin"));
      return;
    }
    String arch = rec.arch == null || rec.arch.isEmpty() ? null : rec.arch;
    String purl = OsPurls.of(PackageType.APK, rec.name, rec.version, arch, origin, null, null);
    packages.add(new Package(
        PackageType.APK, rec.name, rec.version, origin, null, arch, purl, location, null, licenses(rec.license)));
  }

  static List<String> licenses(@Nullable String license) {
    if (license == null || license.isBlank()) {
      return List.of();
    }
    if (SPDX_OPERATOR.matcher(license).find()) {
      return List.of(license.trim());
    }
    return Arrays.stream(license.trim().split("\\s+")).distinct().toList();
  }
}
