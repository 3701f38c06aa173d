package io.drydock.scan.analyzer.java;

import io.drydock.image.layer.LayerEntry;
import io.drydock.scan.analyzer.AnalysisInput;
import io.drydock.scan.analyzer.AnalysisResult;
import io.drydock.scan.analyzer.Analyzer;

/**
 * Java archives ({@code .jar .war .ear .par .sar .jpi .hpi}): one Maven package per
 * {@code META-INF/maven/G/A/pom.properties}, else the archive's own MANIFEST.MF and file name; nested archives
 * ({@code BOOT-INF/lib}, {@code WEB-INF/lib}, {@code lib/} …) are read recursively from the stream and located as
 * {@code outer.jar!/BOOT-INF/lib/inner.jar}. Zip bombs (depth, size, entry count, inflation ratio) end the
 * archive with a {@link io.drydock.model.Skip}; corrupt archives too.
 */
public final class JarAnalyzer implements Analyzer {
  private final JarLimits limits;

  public JarAnalyzer() {
    this(JarLimits.DEFAULT);
  }

  JarAnalyzer(JarLimits limits) {
    this.limits = limits;
  }

  @Override
  public String name() {
    return "jar";
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public boolean isRequired(LayerEntry entry) {
    return entry.type() == LayerEntry.Type.FILE && entry.size() > 0 && JarFileName.isArchive(entry.path());
  }

  @Override
  public AnalysisResult analyze(AnalysisInput input) {
    JarWalk walk = new JarWalk(limits).walkTop(input.content(), input.path());
    return new AnalysisResult(null, walk.packages(), walk.skipped());
  }
}
