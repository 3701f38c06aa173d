package io.drydock.scan.analyzer.python;

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
import java.util.Optional;

/**
 * Installed Python distributions from their core metadata: {@code *.dist-info/METADATA} (wheels),
 * {@code *.egg-info/PKG-INFO} and {@code EGG-INFO/PKG-INFO} (setuptools), and the single-file
 * {@code *.egg-info} (distutils). Name as written; purl {@code pkg:pypi/<PEP 503 name>@<version>}.
 */
public final class PythonPackageAnalyzer implements Analyzer {
  /** Only the headers are read; they sit before the first blank line and are far smaller than this. */
  static final int MAX_HEADER_BYTES = 1 << 20;

  @Override
  public String name() {
    return "python-pkg";
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
    return p.endsWith(".dist-info/METADATA")
        || p.endsWith(".egg-info/PKG-INFO")
        || p.equals("EGG-INFO/PKG-INFO") || p.endsWith("/EGG-INFO/PKG-INFO")
        || (p.endsWith(".egg-info") && p.length() > ".egg-info".length() && !p.endsWith("/.egg-info"));
  }

  @Override
  public AnalysisResult analyze(AnalysisInput input) throws IOException {
    // Headers come first; a file larger than the cap is read only up to it (the rest is the description).
    byte[] head = input.content().readNBytes((int) Math.min(input.entry().size(), MAX_HEADER_BYTES));
    Optional<CoreMetadata> meta = CoreMetadata.parse(head);
    if (meta.isEmpty()) {
      return new AnalysisResult(null, List.of(),
          List.of(new Skip(input.path(), "Python metadata without a valid Name and Version")));
    }
    CoreMetadata m = meta.get();
    String purl =
        PackageUrl.of(PackageType.PYPI.purlType(), null, CoreMetadata.normalise(m.name()), m.version()).toString();
    return AnalysisResult.ofPackages(List.of(
        new Package(PackageType.PYPI, m.name(), m.version(), null, null, null, purl, input.path(), null, m.licenses())));
  }
}
