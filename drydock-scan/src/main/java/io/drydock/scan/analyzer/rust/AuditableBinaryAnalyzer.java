package io.drydock.scan.analyzer.rust;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drydock.image.layer.LayerEntry;
import io.drydock.model.Package;
import io.drydock.model.Skip;
import io.drydock.scan.analyzer.AnalysisInput;
import io.drydock.scan.analyzer.AnalysisResult;
import io.drydock.scan.analyzer.Analyzer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Rust executables built with {@code cargo auditable}: the {@code .dep-v0} ELF section holds the zlib-compressed
 * JSON dependency list ({@code {"packages":[{"name","version","source","kind","root"}]}}, format of
 * rust-secure-code/cargo-auditable's {@code auditable-serde}). Crates with source {@code crates.io} are reported,
 * except build-time ones ({@code "kind":"build"}), which are not in the binary; the root crate and other local
 * crates are the program itself; git and other-registry crates are listed as skipped.
 */
public final class AuditableBinaryAnalyzer implements Analyzer {
  /**
   * Executables up to this size are read whole (the section table sits at the end of the file); it equals the
   * layer scanner's default limit for files shared between analyzers, so the Go analyzer still sees them too.
   */
  static final long MAX_BYTES = 64L << 20;
  /** cargo auditable's own limit on the decompressed list is 8 MiB. */
  static final int MAX_JSON_BYTES = 8 << 20;
  private static final long MIN_BYTES = 64;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String name() {
    return "cargo-auditable";
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public boolean isRequired(LayerEntry entry) {
    return entry.isExecutable() && entry.size() >= MIN_BYTES && entry.size() <= MAX_BYTES;
  }

  @Override
  public AnalysisResult analyze(AnalysisInput input) throws IOException {
    String where = input.path();
    byte[] head = input.content().readNBytes(4);
    if (!ElfSection.isElf(head)) {
      return AnalysisResult.EMPTY;
    }
    byte[] file = new byte[(int) Math.min(input.entry().size(), MAX_BYTES)];
    System.arraycopy(head, 0, file, 0, head.length);
    int read = input.content().readNBytes(file, head.length, file.length - head.length);
    byte[] data = read + head.length == file.length ? file : Arrays.copyOf(file, read + head.length);
    Optional<byte[]> section;
    try {
      section = ElfSection.find(data, ".dep-v0");
    } catch (ElfSection.InvalidElf e) {
      return AnalysisResult.EMPTY; // not ours to judge: the Go analyzer reports invalid ELF files
    }
    if (section.isEmpty()) {
      return AnalysisResult.EMPTY;
    }
    JsonNode list;
    try {
      list = JSON.readTree(inflate(section.get()));
    } catch (DataFormatException e) {
      return skip(where, "cargo auditable data is not zlib-compressed: " + e.getMessage());
    } catch (JacksonException e) {
      return skip(where, "cargo auditable data is not JSON: " + e.getOriginalMessage().replaceAll("\\s+", " "));
    } catch (IllegalStateException e) {
      return skip(where, e.getMessage());
    }
    return packages(list, where);
  }

  static AnalysisResult packages(JsonNode root, String where) {
    JsonNode list = root.get("packages");
    if (list == null || !list.isArray()) {
      return skip(where, "cargo auditable data without a packages list");
    }
    Map<String, Package> out = new LinkedHashMap<>();
    List<Skip> skipped = new ArrayList<>();
    for (JsonNode p : list) {
      String name = p.path("name").asText("");
      String version = p.path("version").asText("");
      String source = p.path("source").asText("");
      if (p.path("root").asBoolean(false) || source.equals("local") || p.path("kind").asText("").equals("build")) {
        continue;
      }
      if (!Crates.valid(name, version)) {
        skipped.add(new Skip(where, "cargo auditable package without a valid name and version: " + name + " " + version));
      } else if (source.equals("crates.io")) {
        out.putIfAbsent(name + "@" + version, Crates.crate(name, version, where));
      } else {
        skipped.add(new Skip(where + ":" + name, "crate from a " + source + " source, not a crates.io version"));
      }
    }
    return new AnalysisResult(null, List.copyOf(out.values()), skipped);
  }

  private static byte[] inflate(byte[] compressed) throws DataFormatException {
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(compressed);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      while (!inflater.finished()) {
        int n = inflater.inflate(buf);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          throw new DataFormatException("truncated stream");
        }
        out.write(buf, 0, n);
        if (out.size() > MAX_JSON_BYTES) {
          throw new IllegalStateException("cargo auditable data larger than " + MAX_JSON_BYTES + " bytes decompressed");
        }
      }
      return out.toByteArray();
    } finally {
      inflater.end();
    }
  }

  private static AnalysisResult skip(String where, String reason) {
    return new AnalysisResult(null, List.of(), List.of(new Skip(where, reason)));
  }
}
