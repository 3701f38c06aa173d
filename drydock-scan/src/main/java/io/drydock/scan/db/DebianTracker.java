package io.drydock.scan.db;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drydock.model.Advisory;
import io.drydock.model.Finding;
import io.drydock.model.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The Debian security tracker's JSON ({@code https://security-tracker.debian.org/tracker/data/json}, what Trivy
 * reads): {@code {source-package: {CVE-id: {description, releases: {codename: {status, fixed_version, urgency,
 * nodsa, repositories}}}}}}, converted into one advisory per CVE ({@code DEBIAN-CVE-…}, alias the CVE, data source
 * {@code debian-tracker}) with one affected entry per (release, source package):
 * <ul>
 *   <li>{@code resolved} with a fixed version: introduced 0, fixed at it; {@code fixed_version "0"} means the
 *       release never had the vulnerable code: no entry (counted as not affected);</li>
 *   <li>{@code open} / {@code undetermined}: introduced 0 and no fix (unfixed), with the distribution's decision
 *       as status: {@code nodsa: ignored} → WILL_NOT_FIX, {@code nodsa: postponed} → FIX_DEFERRED, urgency or status
 *       {@code end-of-life} → END_OF_LIFE;</li>
 *   <li>urgency ({@code unimportant}, {@code low}, {@code medium}, {@code high}, with or without {@code *}) → the
 *       entry's distribution severity; {@code not yet assigned} → none.</li>
 * </ul>
 * The document is streamed (it is tens of MB); each CVE entry is read on its own, bounded.
 */
final class DebianTracker {
  private static final Pattern ID = Pattern.compile("(CVE-[0-9]{4}-[0-9]{4,}|TEMP-[0-9]{7}-[0-9A-F]{6})");
  private static final Pattern PACKAGE = Pattern.compile("[a-z0-9][a-z0-9+.-]{0,99}");
  private static final ObjectMapper MAPPER =
      new ObjectMapper(JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).maxStringLength(1 << 20).build())
          .build());

  /** Debian codenames with an OSV ecosystem ({@code Debian:N}); sid and experimental have none. */
  static final Map<String, String> RELEASES =
      Map.ofEntries(
          Map.entry("jessie", "8"), Map.entry("stretch", "9"), Map.entry("buster", "10"), Map.entry("bullseye", "11"),
          Map.entry("bookworm", "12"), Map.entry("trixie", "13"), Map.entry("forky", "14"));

  private final Map<String, List<Advisory.Affected>> affected = new LinkedHashMap<>();
  private final Map<String, String> descriptions = new LinkedHashMap<>();
  private long notAffected;
  private final List<String> skips = new ArrayList<>();

  /** True when the first package's first key is a CVE or TEMP id: the tracker's shape, not an OSV record. */
  static boolean looksLikeTracker(JsonNode n) {
    if (!n.isObject() || n.has("id") || n.isEmpty()) {
      return false;
    }
    JsonNode first = n.elements().next();
    if (!first.isObject() || first.isEmpty()) {
      return false;
    }
    String key = first.fieldNames().next();
    return ID.matcher(key).matches() && first.get(key).has("releases");
  }

  /** Peeks at a file: an object whose first value is an object whose first key is a CVE or TEMP id. */
  static boolean isTrackerFile(java.nio.file.Path f) {
    try (InputStream in = java.nio.file.Files.newInputStream(f); JsonParser p = MAPPER.getFactory().createParser(in)) {
      return p.nextToken() == JsonToken.START_OBJECT && p.nextToken() == JsonToken.FIELD_NAME
          && p.nextToken() == JsonToken.START_OBJECT && p.nextToken() == JsonToken.FIELD_NAME
          && ID.matcher(p.currentName()).matches();
    } catch (IOException e) {
      return false;
    }
  }

  /** Reads a whole tracker document from a stream. Per-entry problems become skip reasons ({@link #skips()}). */
  void read(InputStream in) throws IOException {
    try (JsonParser p = MAPPER.getFactory().createParser(in)) {
      read(p);
    }
  }

  void read(JsonNode doc) throws IOException {
    try (JsonParser p = MAPPER.treeAsTokens(doc)) {
      read(p);
    }
  }

  private void read(JsonParser p) throws IOException {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      throw new IOException("the Debian tracker document is not a JSON object");
    }
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String pkg = p.currentName();
      if (p.nextToken() != JsonToken.START_OBJECT || !PACKAGE.matcher(pkg).matches()) {
        skips.add("package " + shorten(pkg) + ": not a source package name with an object of CVEs");
        p.skipChildren();
        continue;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String id = p.currentName();
        p.nextToken();
        JsonNode entry = MAPPER.readTree(p);
        if (!ID.matcher(id).matches() || entry == null || !entry.isObject()) {
          skips.add(pkg + "/" + shorten(id) + ": not a CVE or TEMP id with an object");
          continue;
        }
        entry(pkg, id, entry);
      }
    }
  }

  private void entry(String pkg, String id, JsonNode entry) {
    String description = entry.path("description").asText("");
    if (!description.isBlank()) {
      descriptions.putIfAbsent(id, description.length() > 4096 ? description.substring(0, 4096) : description);
    }
    JsonNode releases = entry.path("releases");
    if (!releases.isObject()) {
      return;
    }
    for (Map.Entry<String, JsonNode> r : releases.properties()) {
      String version = RELEASES.get(r.getKey());
      if (version == null) {
        continue;
      }
      JsonNode rel = r.getValue();
      String status = rel.path("status").asText("").toLowerCase(Locale.ROOT);
      String fixed = rel.path("fixed_version").asText("").strip();
      String urgency = rel.path("urgency").asText("").toLowerCase(Locale.ROOT).replace("*", "").strip();
      String nodsa = rel.path("nodsa").asText("").toLowerCase(Locale.ROOT).strip();
      List<Advisory.Event> events = new ArrayList<>();
      events.add(new Advisory.Introduced("0"));
      Finding.Status decision = null;
      if (status.equals("resolved")) {
        if (fixed.isEmpty() || fixed.equals("0")) {
          notAffected++;
          continue;
        }
        if (fixed.length() > 256) {
          skips.add(pkg + "/" + id + "/" + r.getKey() + ": fixed_version longer than 256 characters");
          continue;
        }
        events.add(new Advisory.Fixed(fixed));
      } else if (status.equals("open") || status.equals("undetermined") || status.equals("end-of-life")
          || status.equals("ignored") || status.equals("postponed")) {
        decision = decision(status, nodsa, urgency);
      } else {
        skips.add(pkg + "/" + id + "/" + r.getKey() + ": unknown status " + shorten(status));
        continue;
      }
      Severity severity = urgency(urgency);
      affected.computeIfAbsent(id, k -> new ArrayList<>()).add(new Advisory.Affected(
          "Debian:" + version, pkg, List.of(new Advisory.Range(Advisory.RangeType.ECOSYSTEM, events)), List.of(), severity, decision));
    }
  }

  static Finding.@Nullable Status decision(String status, String nodsa, String urgency) {
    if (status.equals("end-of-life") || urgency.equals("end-of-life")) {
      return Finding.Status.END_OF_LIFE;
    }
    if (status.equals("ignored") || nodsa.equals("ignored")) {
      return Finding.Status.WILL_NOT_FIX;
    }
    if (status.equals("postponed") || nodsa.equals("postponed")) {
      return Finding.Status.FIX_DEFERRED;
    }
    return null;
  }

  static @Nullable Severity urgency(String urgency) {
    return switch (urgency) {
      case "unimportant", "low" -> Severity.LOW;
      case "medium" -> Severity.MEDIUM;
      case "high" -> Severity.HIGH;
      default -> null; // "not yet assigned", "end-of-life", empty
    };
  }

  long notAffected() {
    return notAffected;
  }

  List<String> skips() {
    return skips;
  }

  List<Advisory> advisories() {
    List<Advisory> out = new ArrayList<>();
    affected.forEach((id, entries) -> out.add(new Advisory("DEBIAN-" + id, List.of(id), descriptions.get(id), null, null, null,
        Severity.UNKNOWN, List.of(), entries, null, "debian-tracker")));
    return out;
  }

  private static String shorten(String s) {
    return s.length() > 80 ? s.substring(0, 80) + "…" : s;
  }
}
