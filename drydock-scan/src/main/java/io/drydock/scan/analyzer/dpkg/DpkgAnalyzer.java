package io.drydock.scan.analyzer.dpkg;

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
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Installed Debian packages from {@code var/lib/dpkg/status} and from distroless {@code var/lib/dpkg/status.d/*}
 * (one file per package, one or more stanzas; {@code *.md5sums} files there are not read).
 *
 * <p>A package counts when its {@code Status} is {@code install ok installed} or {@code hold ok installed}; in
 * {@code status.d}, where stanzas carry no {@code Status}, a stanza without one counts too. Version is the
 * {@code Version} field as dpkg writes it ({@code 1:5.1.1-12ubuntu1}); {@code Source: name (version)} gives the
 * source name and version. The file is streamed line by line and only five fields are kept, so memory stays
 * bounded: lines are cut at 64 KiB, a stanza larger than 4 MiB is skipped, and at most 100 000 packages are read.
 * A malformed stanza becomes a {@link Skip}; the rest is kept.
 */
public final class DpkgAnalyzer implements Analyzer {
  static final String STATUS = "var/lib/dpkg/status";
  static final String STATUS_D = "var/lib/dpkg/status.d/";
  static final int MAX_LINE = 64 * 1024;
  static final long MAX_STANZA = 4L * 1024 * 1024;
  static final int MAX_PACKAGES = 100_000;

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9+.-]*");
  private static final Pattern VERSION = Pattern.compile("(\\d+:)?[0-9A-Za-z.+~-][0-9A-Za-z.+~:-]*");
  private static final Pattern SOURCE = Pattern.compile("(\\S+)(?:\\s+\\((\\S+)\\))?");

  public DpkgAnalyzer() {}

  @Override
  public String name() {
    return "dpkg";
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public boolean isRequired(LayerEntry entry) {
    if (entry.type() != LayerEntry.Type.FILE) {
      return false;
    }
    String p = entry.path();
    if (p.equals(STATUS)) {
      return true;
    }
    return p.startsWith(STATUS_D)
        && p.length() > STATUS_D.length()
        && p.indexOf('/', STATUS_D.length()) < 0
        && !p.endsWith(".md5sums");
  }

  @Override
  public AnalysisResult analyze(AnalysisInput input) throws IOException {
    return parse(input.path(), input.content(), input.path().startsWith(STATUS_D));
  }

  /** Parses a status file; {@code statusOptional} for status.d files, whose stanzas need no Status field. */
  static AnalysisResult parse(String location, InputStream in, boolean statusOptional) throws IOException {
    LineReader reader = new LineReader(in, MAX_LINE);
    List<Package> packages = new ArrayList<>();
    List<Skip> skips = new ArrayList<>();
    Stanza st = new Stanza();
    String line;
    while ((line = reader.readLine()) != null) {
      if (line.isBlank()) {
        finish(st, location, statusOptional, packages, skips);
        st = new Stanza();
        if (packages.size() >= MAX_PACKAGES) {
          skips.add(new Skip(location, "more than " + MAX_PACKAGES + " packages; the rest was not read"));
          break;
        }
        continue;
      }
      if (st.startLine == 0) {
        st.startLine = reader.lineNumber();
      }
      st.bytes += line.length() + 1L;
      if (st.bytes > MAX_STANZA && st.problem == null) {
        st.problem = "stanza larger than " + MAX_STANZA + " bytes";
      }
      if (st.problem != null) {
        continue;
      }
      char c0 = line.charAt(0);
      if (c0 == ' ' || c0 == '\t') {
        if (st.lastField == null) {
          st.problem = "continuation line before any field";
        }
        continue; // continuation of a multi-line field we do not keep
      }
      if (c0 == '#') {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        st.problem = "line " + reader.lineNumber() + " is not 'Field: value'";
        continue;
      }
      String field = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).trim();
      st.lastField = field;
      boolean wanted = switch (field) {
        case "package", "status", "version", "architecture", "source" -> true;
        default -> false;
      };
      if (wanted && reader.lastLineTruncated()) {
        st.problem = "field " + field + " longer than " + MAX_LINE + " bytes";
        continue;
      }
      switch (field) {
        case "package" -> st.pkg = value;
        case "status" -> st.status = value;
        case "version" -> st.version = value;
        case "architecture" -> st.arch = value;
        case "source" -> st.source = value;
        default -> { }
      }
    }
    finish(st, location, statusOptional, packages, skips);
    return new AnalysisResult(null, packages, skips);
  }

  private static final class Stanza {
    long startLine;
    long bytes;
    @Nullable String problem;
    @Nullable String lastField;
    @Nullable String pkg;
    @Nullable String status;
    @Nullable String version;
    @Nullable String arch;
    @Nullable String source;
  }

  private static void finish(
      Stanza st, String location, boolean statusOptional, List<Package> packages, List<Skip> skips) {
    if (st.startLine == 0) {
      return; // nothing since the last blank line
    }
    String where = location + ":" + st.startLine + (st.pkg != null ? " (" + st.pkg + ")" : "");
    if (st.problem != null) {
      skips.add(new Skip(where, st.problem));
      return;
    }
    if (st.pkg == null || st.pkg.isEmpty()) {
      skips.add(new Skip(where, "stanza without Package field"));
      return;
    }
    if (st.status == null) {
      if (!statusOptional) {
        skips.add(new Skip(where, "stanza without Status field"));
        return;
      }
    } else if (!isInstalled(st.status)) {
      return; // removed, config-files only, half-installed: not a package of this image, not a problem
    }
    if (!NAME.matcher(st.pkg).matches()) {
      skips.add(new Skip(where, "invalid package name"));
      return;
    }
    if (st.version == null || !VERSION.matcher(st.version).matches()) {
      skips.add(new Skip(where, st.version == null ? "stanza without Version field" : "invalid Version"));
      return;
    }
    String sourceName = null;
    String sourceVersion = null;
    if (st.source != null && !st.source.isEmpty()) {
      Matcher m = SOURCE.matcher(st.source);
      if (!m.matches() || !NAME.matcher(m.group(1)).matches()
          || (m.group(2) != null && !VERSION.matcher(m.group(2)).matches())) {
        skips.add(new Skip(where, "invalid Source field"));
        return;
      }
      sourceName = m.group(1);
      sourceVersion = m.group(2);
    }
    if (st.pkg.equals(sourceName)) {
      sourceName = null;
    }
    if (st.version.equals(sourceVersion)) {
      sourceVersion = null;
    }
    String arch = st.arch == null || st.arch.isEmpty() ? null : st.arch;
    String purl = OsPurls.of(PackageType.DEB, st.pkg, st.version, arch, sourceName, sourceVersion, null);
    packages.add(new Package(
        PackageType.DEB, st.pkg, st.version, sourceName, sourceVersion, arch, purl, location, null, List.of()));
  }

  /** {@code want flag status}: want install or hold, flag ok, status installed. */
  static boolean isInstalled(String status) {
    String[] w = status.trim().split("\\s+");
    return w.length == 3
        && (w[0].equals("install") || w[0].equals("hold"))
        && w[1].equals("ok")
        && w[2].equals("installed");
  }
}
