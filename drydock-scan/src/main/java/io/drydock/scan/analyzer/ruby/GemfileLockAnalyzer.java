package io.drydock.scan.analyzer.ruby;

import io.drydock.image.layer.LayerEntry;
import io.drydock.model.Package;
import io.drydock.model.Skip;
import io.drydock.scan.analyzer.AnalysisInput;
import io.drydock.scan.analyzer.AnalysisResult;
import io.drydock.scan.analyzer.Analyzer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bundler's lockfile ({@code Gemfile.lock}, {@code gems.locked}): the gems under {@code specs:} of each
 * {@code GEM} section (gems from a gem server). Gems of {@code GIT} and {@code PATH} sections are not
 * published versions of a RubyGems package and are listed as skipped. A spec line is Bundler's
 * {@code NAME (VERSION[-PLATFORM])} at four spaces; the same gem locked for several platforms is one package.
 */
public final class GemfileLockAnalyzer implements Analyzer {
  /** Real lockfiles are tens of KB; a larger file is skipped rather than read. */
  static final long MAX_BYTES = 16L << 20;

  /** Bundler's LockfileParser NAME_VERSION, at the spec indentation of four spaces. */
  private static final Pattern SPEC = Pattern.compile("^ {4}(?! )(\\S+) \\(([^-)\\s]+)(?:-([^)]+))?\\)$");

  @Override
  public String name() {
    return "bundler";
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
    String file = p.substring(p.lastIndexOf('/') + 1);
    return file.equals("Gemfile.lock") || file.equals("gems.locked");
  }

  @Override
  public AnalysisResult analyze(AnalysisInput input) throws IOException {
    String where = input.path();
    if (input.entry().size() > MAX_BYTES) {
      return skipped(where, "Gemfile.lock larger than " + MAX_BYTES + " bytes");
    }
    return parse(new String(input.content().readAllBytes(), StandardCharsets.UTF_8), where);
  }

  static AnalysisResult parse(String text, String where) {
    Map<String, Package> gems = new LinkedHashMap<>();
    List<Skip> skipped = new ArrayList<>();
    String section = "";
    boolean inSpecs = false;
    boolean sawGemSection = false;
    for (String raw : text.split("\r?\n", -1)) {
      if (raw.isBlank()) {
        continue;
      }
      if (!raw.startsWith(" ")) {
        section = raw.strip();
        inSpecs = false;
        sawGemSection |= section.equals("GEM");
        continue;
      }
      if (raw.equals("  specs:")) {
        inSpecs = section.equals("GEM") || section.equals("GIT") || section.equals("PATH");
        continue;
      }
      if (!raw.startsWith("    ") || raw.startsWith("     ") || !inSpecs) {
        continue;
      }
      Matcher m = SPEC.matcher(raw);
      if (!m.matches()) {
        skipped.add(new Skip(where, "unparsable spec line in " + section + ": " + raw.strip()));
        continue;
      }
      if (!section.equals("GEM")) {
        skipped.add(new Skip(where + ":" + m.group(1),
            "gem from a " + section + " source, not a published RubyGems version"));
        continue;
      }
      gems.putIfAbsent(m.group(1) + "@" + m.group(2), GemspecAnalyzer.gem(m.group(1), m.group(2), where, List.of()));
    }
    if (!sawGemSection && gems.isEmpty() && skipped.isEmpty()) {
      skipped.add(new Skip(where, "not a Bundler lockfile: no GEM section"));
    }
    return new AnalysisResult(null, List.copyOf(gems.values()), skipped);
  }

  private static AnalysisResult skipped(String where, String reason) {
    return new AnalysisResult(null, List.of(), List.of(new Skip(where, reason)));
  }
}
