package io.drydock.scan.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import io.drydock.image.layer.LayerEntry;
import io.drydock.scan.testfixtures.OciArchiveFixture;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;

/** Runs one analyzer over one test resource (real upstream files, see each directory's README) as a layer entry. */
public final class LangFixture {
  private LangFixture() {}

  public static byte[] bytes(String resource) {
    try (InputStream in = Objects.requireNonNull(LangFixture.class.getResourceAsStream(resource), resource)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The analysis of {@code bytes} at {@code path}, after checking the analyzer asks for that path. */
  public static AnalysisResult analyze(Analyzer analyzer, String path, byte[] bytes) throws IOException {
    LayerEntry entry = new LayerEntry(path, LayerEntry.Type.FILE, bytes.length, 0644, null, 0, 0);
    assertThat(analyzer.isRequired(entry)).as(path).isTrue();
    return analyzer.analyze(new AnalysisInput(entry, new OciArchiveFixture.NonClosing(new ByteArrayInputStream(bytes))));
  }

  public static AnalysisResult analyze(Analyzer analyzer, String path, String resource) throws IOException {
    return analyze(analyzer, path, bytes(resource));
  }

  public static boolean wants(Analyzer analyzer, String path) {
    return analyzer.isRequired(new LayerEntry(path, LayerEntry.Type.FILE, 1, 0644, null, 0, 0));
  }
}
