package io.drydock.scan.analyzer.golang;

import io.drydock.image.layer.LayerEntry;
import io.drydock.model.Skip;
import io.drydock.scan.analyzer.AnalysisInput;
import io.drydock.scan.analyzer.AnalysisResult;
import io.drydock.scan.analyzer.Analyzer;
import java.io.IOException;
import java.util.List;

/**
 * Go binaries: executable ELF files with Go 1.18+ build info ({@code .go.buildinfo}, inline-string format) give
 * their main module, every {@code dep} (after {@code =>} replacements) and {@code stdlib} at the Go version.
 * Non-ELF executables and non-Go ELF files give nothing; malformed ELF files and pre-1.18 build info are skips.
 */
public final class GoBinaryAnalyzer implements Analyzer {
  /** Larger executables are not inspected (reported as a skip). */
  static final long MAX_BYTES = 512L << 20;
  private static final long MIN_BYTES = 64;

  @Override
  public String name() {
    return "gobinary";
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public boolean isRequired(LayerEntry entry) {
    return entry.isExecutable() && entry.size() >= MIN_BYTES;
  }

  @Override
  public AnalysisResult analyze(AnalysisInput input) throws IOException {
    String where = input.path();
    if (input.entry().size() > MAX_BYTES) {
      return skip(where, "executable larger than " + MAX_BYTES + " bytes not inspected for Go build info");
    }
    BuildInfoReader.Result result;
    try {
      result = BuildInfoReader.read(input.content(), input.entry().size());
    } catch (BuildInfoReader.InvalidElf e) {
      return skip(where, "invalid ELF: " + e.getMessage());
    }
    if (result instanceof BuildInfoReader.Found found) {
      return AnalysisResult.ofPackages(GoModules.packages(found.goVersion(), found.modInfo(), where));
    }
    if (result instanceof BuildInfoReader.PointerFormat) {
      return skip(where, "Go build info in the pre-1.18 pointer format is not supported");
    }
    return AnalysisResult.EMPTY;
  }

  private static AnalysisResult skip(String where, String reason) {
    return new AnalysisResult(null, List.of(), List.of(new Skip(where, reason)));
  }
}
