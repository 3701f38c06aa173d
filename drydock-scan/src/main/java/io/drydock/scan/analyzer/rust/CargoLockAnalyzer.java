package io.drydock.scan.analyzer.rust;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.drydock.image.layer.LayerEntry;
import io.drydock.model.Package;
import io.drydock.model.Skip;
import io.drydock.scan.analyzer.AnalysisInput;
import io.drydock.scan.analyzer.AnalysisResult;
import io.drydock.scan.analyzer.Analyzer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cargo's lockfile ({@code Cargo.lock}, any format version): every {@code [[package]]} whose {@code source} is the
 * crates.io registry ({@code registry+https://github.com/rust-lang/crates.io-index} or the sparse
 * {@code sparse+https://index.crates.io/}). Packages without a source are the workspace's own crates (path
 * dependencies) and are not reported; those from git or another registry are not crates.io versions and are
 * listed as skipped.
 */
public final class CargoLockAnalyzer implements Analyzer {
  /** Real lockfiles are at most a few hundred KB (rust-lang/rust's is about 200 KB). */
  static final long MAX_BYTES = 16L << 20;
  private static final TomlMapper TOML = new TomlMapper();

  @Override
  public String name() {
    return "cargo-lock";
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public boolean isRequired(LayerEntry entry) {
    String p = entry.path();
    return entry.type() == LayerEntry.Type.FILE && (p.equals("Cargo.lock") || p.endsWith("/Cargo.lock"));
  }

  @Override
  public AnalysisResult analyze(AnalysisInput input) throws IOException {
    String where = input.path();
    if (input.entry().size() > MAX_BYTES) {
      return skip(where, "Cargo.lock larger than " + MAX_BYTES + " bytes");
    }
    JsonNode root;
    try {
      root = TOML.readTree(input.content().readAllBytes());
    } catch (JacksonException e) {
      return skip(where, "invalid Cargo.lock: " + e.getOriginalMessage().replaceAll("\\s+", " "));
    }
    return packages(root, where);
  }

  static AnalysisResult packages(JsonNode root, String where) {
    JsonNode list = root == null ? null : root.get("package");
    if (list == null || !list.isArray()) {
      return root != null && root.isObject() && root.has("version") ? AnalysisResult.EMPTY
          : skip(where, "Cargo.lock without [[package]] entries");
    }
    Map<String, Package> out = new LinkedHashMap<>();
    List<Skip> skipped = new ArrayList<>();
    for (JsonNode p : list) {
      String name = p.path("name").asText("");
      String version = p.path("version").asText("");
      String source = p.path("source").asText("");
      if (!Crates.valid(name, version)) {
        skipped.add(new Skip(where, "[[package]] without a valid name and version: " + name + " " + version));
      } else if (source.isEmpty()) {
        continue; // the workspace's own crate or a path dependency
      } else if (source.equals("registry+https://github.com/rust-lang/crates.io-index")
          || source.equals("sparse+https://index.crates.io/")) {
        out.putIfAbsent(name + "@" + version, Crates.crate(name, version, where));
      } else {
        int plus = source.indexOf('+');
        skipped.add(new Skip(where + ":" + name,
            "crate from a " + (plus > 0 ? source.substring(0, plus) : source) + " source, not a crates.io version"));
      }
    }
    return new AnalysisResult(null, List.copyOf(out.values()), skipped);
  }

  private static AnalysisResult skip(String where, String reason) {
    return new AnalysisResult(null, List.of(), List.of(new Skip(where, reason)));
  }
}
