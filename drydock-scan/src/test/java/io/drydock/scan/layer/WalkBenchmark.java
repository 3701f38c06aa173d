package io.drydock.scan.layer;

import io.drydock.image.layer.LayerEntry;
import io.drydock.scan.analyzer.AnalysisInput;
import io.drydock.scan.analyzer.AnalysisResult;
import io.drydock.scan.analyzer.Analyzer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Microbenchmark hook: walks every layer of an OCI archive with {@link LayerScanner} and prints bytes/s.
 * Run from the module directory after {@code test-compile}:
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat cp.txt) io.drydock.scan.layer.WalkBenchmark ARCHIVE [ROUNDS] [none|manifests]
 * </pre>
 *
 * {@code none} = no analyzer (decompress, hash, parse tar, skip contents); {@code manifests} = an analyzer that
 * reads every package-manifest-like file in full (package.json, *.jar, METADATA, PKG-INFO, installed, status).
 * Compare the best round with {@code gzip -dc} of the same blobs. {@code --blob FILE DIFFID [ROUNDS]
 * [none|manifests]} walks one layer blob file instead.
 */
public final class WalkBenchmark {
  private WalkBenchmark() {}

  /** Reads the content of files whose name looks like a package manifest, as real analyzers would. */
  static final class ReadManifests implements Analyzer {
    long bytes;

    @Override
    public String name() {
      return "bench-manifests";
    }

    @Override
    public int version() {
      return 1;
    }

    @Override
    public boolean isRequired(LayerEntry entry) {
      String p = entry.path();
      return p.endsWith("/package.json") || p.endsWith(".jar") || p.endsWith("/METADATA") || p.endsWith("/PKG-INFO")
          || p.equals("lib/apk/db/installed") || p.equals("var/lib/dpkg/status");
    }

    @Override
    public AnalysisResult analyze(AnalysisInput input) throws IOException {
      bytes += input.content().transferTo(OutputStreamNull.INSTANCE);
      return AnalysisResult.EMPTY;
    }
  }

  /** Discards bytes. */
  static final class OutputStreamNull extends java.io.OutputStream {
    static final OutputStreamNull INSTANCE = new OutputStreamNull();

    @Override
    public void write(int b) {}

    @Override
    public void write(byte[] b, int off, int len) {}
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: WalkBenchmark OCI-ARCHIVE [ROUNDS] [none|manifests]");
      System.exit(2);
    }
    if (args[0].equals("--blob")) {
      blob(Path.of(args[1]), io.drydock.model.Digest.parse(args[2]), args.length > 3 ? Integer.parseInt(args[3]) : 3,
          args.length > 4 && args[4].equals("manifests"));
      return;
    }
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    boolean manifests = args.length > 2 && args[2].equals("manifests");
    long[] nanos = new long[rounds];
    long compressed = 0;
    long uncompressed = 0;
    try (OciArchive image = OciArchive.open(Path.of(args[0]))) {
      for (int r = 0; r < rounds; r++) {
        List<Analyzer> analyzers = manifests ? List.of(new ReadManifests()) : List.of();
        LayerScanner scanner = LayerScanner.of(analyzers);
        long start = System.nanoTime();
        compressed = 0;
        uncompressed = 0;
        for (int i = 0; i < image.metadata().layers().size(); i++) {
          try (InputStream blob = image.openLayerBlob(i)) {
            LayerResult result = scanner.scan(blob, image.metadata().layers().get(i).diffId(), n -> {});
            uncompressed += result.uncompressedBytes();
          }
          compressed += image.metadata().layers().get(i).size();
        }
        nanos[r] = System.nanoTime() - start;
      }
    }
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    List<String> lines = new ArrayList<>();
    lines.add("layers: " + compressed + " bytes compressed, " + uncompressed + " uncompressed; analyzers: "
        + (manifests ? "manifests" : "none"));
    lines.add(String.format("first (cold JVM) %.2f ms, best %.2f ms, median %.2f ms over %d rounds", nanos[0] / 1e6,
        sorted[0] / 1e6, sorted[rounds / 2] / 1e6, rounds));
    lines.add(String.format("best: %.1f MB/s compressed, %.1f MB/s uncompressed", compressed / (sorted[0] / 1e3),
        uncompressed / (sorted[0] / 1e3)));
    lines.forEach(System.out::println);
  }

  private static void blob(Path file, io.drydock.model.Digest diffId, int rounds, boolean manifests) throws IOException {
    long size = java.nio.file.Files.size(file);
    for (int r = 0; r < rounds; r++) {
      LayerScanner scanner = LayerScanner.of(manifests ? List.of(new ReadManifests()) : List.of());
      long start = System.nanoTime();
      LayerResult result;
      try (InputStream in = java.nio.file.Files.newInputStream(file)) {
        result = scanner.scan(in, diffId, n -> {});
      }
      long nanos = System.nanoTime() - start;
      System.out.printf("round %d: %.0f ms, %.1f MB/s compressed, %.1f MB/s uncompressed, %d paths%n", r, nanos / 1e6,
          size / (nanos / 1e3), result.uncompressedBytes() / (nanos / 1e3), result.paths().size());
    }
  }
}
