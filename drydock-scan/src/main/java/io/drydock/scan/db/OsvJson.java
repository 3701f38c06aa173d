package io.drydock.scan.db;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drydock.model.Advisory;
import io.drydock.model.Finding;
import io.drydock.model.Severity;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Reads OSV JSON records into {@link Advisory} and writes them back (the store keeps this normalized form).
 * Unknown fields are ignored; what the matcher needs is checked, and a record that lacks it is rejected with a
 * reason ({@link MalformedRecordException}). Parsing is bounded: nesting depth, string length and document size.
 */
final class OsvJson {

  /** Largest single record accepted (the biggest osv.dev records are a few hundred KiB). */
  static final int MAX_RECORD_BYTES = 8 * 1024 * 1024;

  /** Bounds per record; a record over one is a counted skip (real osv.dev records stay far below). */
  static final int MAX_VERSION_LENGTH = 1024;

  static final int MAX_EVENTS_PER_RANGE = 10_000;
  static final int MAX_RANGES = 1_000;
  static final int MAX_AFFECTED = 10_000;
  static final int MAX_VERSIONS = 200_000;
  static final int MAX_ALIASES = 1_000;

  /** Fields of drydock's stored form in {@code database_specific} / {@code ecosystem_specific}. */
  static final String CHOSEN_VECTOR = "drydock_cvss_vector";

  static final String DATA_SOURCE = "drydock_data_source";
  static final String SEVERITY_FROM = "drydock_severity_from";
  static final String STATUS = "drydock_status";

  private static final ObjectMapper MAPPER =
      new ObjectMapper(
          JsonFactory.builder()
              .streamReadConstraints(
                  StreamReadConstraints.builder()
                      .maxNestingDepth(64)
                      .maxStringLength(MAX_RECORD_BYTES)
                      .maxDocumentLength(MAX_RECORD_BYTES)
                      .build())
              .build());

  private OsvJson() {}

  /** A record that cannot be used, with a short reason for the skip report. */
  static final class MalformedRecordException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedRecordException(String reason) {
      super(reason);
    }
  }

  static JsonNode tree(byte[] json) throws MalformedRecordException {
    if (json.length > MAX_RECORD_BYTES) {
      throw new MalformedRecordException("record larger than " + MAX_RECORD_BYTES + " bytes");
    }
    try {
      JsonNode n = MAPPER.readTree(json);
      if (n == null || !n.isObject()) {
        throw new MalformedRecordException("not a JSON object");
      }
      return n;
    } catch (JsonProcessingException e) {
      throw new MalformedRecordException("invalid JSON: " + firstLine(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new MalformedRecordException("unreadable: " + firstLine(e.getMessage()));
    }
  }

  static Advisory parse(byte[] json) throws MalformedRecordException {
    return parse(tree(json));
  }

  static Advisory parse(JsonNode n) throws MalformedRecordException {
    String id = text(n, "id");
    if (id == null || id.isBlank()) {
      throw new MalformedRecordException("no id");
    }
    if (id.length() > 256) {
      throw new MalformedRecordException("id longer than 256 characters");
    }
    List<String> aliases = strings(n.get("aliases"), "aliases");
    if (aliases.size() > MAX_ALIASES) {
      throw new MalformedRecordException("more than " + MAX_ALIASES + " aliases");
    }
    Instant withdrawn = null;
    if (n.hasNonNull("withdrawn")) {
      withdrawn = instant(text(n, "withdrawn"));
      if (withdrawn == null) {
        throw new MalformedRecordException("withdrawn is not an RFC 3339 time");
      }
    }
    List<String> vectors = new ArrayList<>();
    JsonNode sev = n.get("severity");
    if (sev != null && sev.isArray()) {
      for (JsonNode s : sev) {
        String score = text(s, "score");
        String type = text(s, "type");
        if (score != null && (score.startsWith("CVSS:") || "CVSS_V2".equals(type)) && vectors.size() < 16) {
          vectors.add(score);
        }
      }
    }
    JsonNode dbSpecific = n.path("database_specific");
    Finding.Cvss cvss = null;
    String chosen = text(dbSpecific, CHOSEN_VECTOR);
    if (chosen != null) {
      cvss = CvssScoring.score(chosen).orElse(null);
    }
    if (cvss == null) {
      cvss = CvssScoring.best(vectors).orElse(null);
    }
    Severity severity = cvss != null ? CvssScoring.severity(cvss) : severity(dbSpecific.get("severity"));
    String dataSource = text(dbSpecific, DATA_SOURCE);
    List<Advisory.Affected> affected = new ArrayList<>();
    JsonNode aff = n.get("affected");
    if (aff != null && !aff.isNull()) {
      if (!aff.isArray()) {
        throw new MalformedRecordException("affected is not an array");
      }
      if (aff.size() > MAX_AFFECTED) {
        throw new MalformedRecordException("more than " + MAX_AFFECTED + " affected entries");
      }
      for (JsonNode a : aff) {
        JsonNode pkg = a.get("package");
        String eco = pkg == null ? null : text(pkg, "ecosystem");
        String name = pkg == null ? null : text(pkg, "name");
        if (eco == null || name == null || eco.isBlank() || name.isBlank()) {
          continue; // OSV allows affected entries without a package (git-only); nothing to match by name
        }
        JsonNode es = a.path("ecosystem_specific");
        Severity distro = severity(es.get("severity"));
        if (distro == Severity.UNKNOWN) {
          distro = severity(es.get("urgency"));
        }
        Finding.Status status = status(text(es, STATUS));
        List<String> versions = strings(a.get("versions"), "versions");
        if (versions.size() > MAX_VERSIONS) {
          throw new MalformedRecordException("more than " + MAX_VERSIONS + " listed versions");
        }
        for (String v : versions) {
          checkVersion(v);
        }
        if (name.length() > MAX_VERSION_LENGTH || eco.length() > 256) {
          throw new MalformedRecordException("package name or ecosystem too long");
        }
        affected.add(new Advisory.Affected(eco, name, ranges(a.get("ranges")), versions,
            distro == Severity.UNKNOWN ? null : distro, status));
      }
    }
    try {
      return new Advisory(
          id, aliases, text(n, "summary"), instant(text(n, "modified")), instant(text(n, "published")), withdrawn,
          severity, vectors, affected, cvss, dataSource == null || dataSource.isBlank() ? "osv" : dataSource);
    } catch (IllegalArgumentException e) {
      throw new MalformedRecordException(e.getMessage());
    }
  }

  private static Finding.@Nullable Status status(@Nullable String s) {
    if (s == null) {
      return null;
    }
    try {
      Finding.Status st = Finding.Status.valueOf(s);
      return st == Finding.Status.FIXED || st == Finding.Status.AFFECTED ? null : st;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static List<Advisory.Range> ranges(@Nullable JsonNode ranges) throws MalformedRecordException {
    List<Advisory.Range> out = new ArrayList<>();
    if (ranges == null || ranges.isNull()) {
      return out;
    }
    if (!ranges.isArray()) {
      throw new MalformedRecordException("ranges is not an array");
    }
    if (ranges.size() > MAX_RANGES) {
      throw new MalformedRecordException("more than " + MAX_RANGES + " ranges in one affected entry");
    }
    for (JsonNode r : ranges) {
      String type = text(r, "type");
      if (type == null) {
        throw new MalformedRecordException("range without a type");
      }
      Advisory.RangeType rt;
      try {
        rt = Advisory.RangeType.valueOf(type.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new MalformedRecordException("unknown range type " + type);
      }
      List<Advisory.Event> events = new ArrayList<>();
      JsonNode evs = r.get("events");
      if (evs == null || !evs.isArray()) {
        throw new MalformedRecordException("range without events");
      }
      if (evs.size() > MAX_EVENTS_PER_RANGE) {
        throw new MalformedRecordException("range with more than " + MAX_EVENTS_PER_RANGE + " events");
      }
      for (JsonNode e : evs) {
        Advisory.Event ev = event(e);
        checkVersion(ev.version());
        events.add(ev);
      }
      out.add(new Advisory.Range(rt, events));
    }
    return out;
  }

  private static void checkVersion(String v) throws MalformedRecordException {
    if (v.length() > MAX_VERSION_LENGTH) {
      throw new MalformedRecordException("version longer than " + MAX_VERSION_LENGTH + " characters");
    }
  }

  private static Advisory.Event event(JsonNode e) throws MalformedRecordException {
    try {
      if (e.hasNonNull("introduced")) {
        return new Advisory.Introduced(e.get("introduced").asText());
      } else if (e.hasNonNull("fixed")) {
        return new Advisory.Fixed(e.get("fixed").asText());
      } else if (e.hasNonNull("last_affected")) {
        return new Advisory.LastAffected(e.get("last_affected").asText());
      } else if (e.hasNonNull("limit")) {
        return new Advisory.Limit(e.get("limit").asText());
      }
    } catch (IllegalArgumentException ex) {
      throw new MalformedRecordException("range event with an empty version");
    }
    throw new MalformedRecordException("range event is none of introduced, fixed, last_affected, limit");
  }

  private static Severity severity(@Nullable JsonNode n) {
    if (n == null || !n.isTextual()) {
      return Severity.UNKNOWN;
    }
    try {
      return Severity.parse(n.asText());
    } catch (IllegalArgumentException e) {
      return Severity.UNKNOWN;
    }
  }

  private static List<String> strings(@Nullable JsonNode n, String field) throws MalformedRecordException {
    List<String> out = new ArrayList<>();
    if (n == null || n.isNull()) {
      return out;
    }
    if (!n.isArray()) {
      throw new MalformedRecordException(field + " is not an array");
    }
    for (JsonNode s : n) {
      if (s.isTextual() && !s.asText().isBlank()) {
        out.add(s.asText());
      }
    }
    return out;
  }

  private static @Nullable String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v != null && v.isValueNode() && !v.isNull() ? v.asText() : null;
  }

  static @Nullable Instant instant(@Nullable String s) {
    if (s == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return Instant.parse(s);
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }

  private static String firstLine(@Nullable String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    String line = nl >= 0 ? s.substring(0, nl) : s;
    return line.length() > 200 ? line.substring(0, 200) : line;
  }

  /** The normalized OSV JSON of an advisory (only the fields {@link #parse} reads). */
  static byte[] write(Advisory a) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("id", a.id());
    if (a.modified() != null) {
      n.put("modified", a.modified().toString());
    }
    if (a.published() != null) {
      n.put("published", a.published().toString());
    }
    if (a.withdrawn() != null) {
      n.put("withdrawn", a.withdrawn().toString());
    }
    ArrayNode aliases = n.putArray("aliases");
    a.aliases().forEach(aliases::add);
    if (a.summary() != null) {
      n.put("summary", a.summary());
    }
    ObjectNode dbSpecific = n.putObject("database_specific");
    if (a.severity() != Severity.UNKNOWN) {
      dbSpecific.put("severity", a.severity().name());
    }
    if (a.cvss() != null) {
      dbSpecific.put(CHOSEN_VECTOR, a.cvss().vector());
    }
    if (!a.dataSource().equals("osv")) {
      dbSpecific.put(DATA_SOURCE, a.dataSource());
    }
    ArrayNode sev = n.putArray("severity");
    for (String v : a.cvssVectors()) {
      String type = v.startsWith("CVSS:4") ? "CVSS_V4" : v.startsWith("CVSS:3") ? "CVSS_V3" : "CVSS_V2";
      sev.addObject().put("type", type).put("score", v);
    }
    ArrayNode aff = n.putArray("affected");
    for (Advisory.Affected af : a.affected()) {
      ObjectNode o = aff.addObject();
      o.putObject("package").put("ecosystem", af.ecosystem()).put("name", af.name());
      ArrayNode ranges = o.putArray("ranges");
      for (Advisory.Range r : af.ranges()) {
        ObjectNode ro = ranges.addObject();
        ro.put("type", r.type().name());
        ArrayNode evs = ro.putArray("events");
        for (Advisory.Event e : r.events()) {
          String key;
          if (e instanceof Advisory.Introduced) {
            key = "introduced";
          } else if (e instanceof Advisory.Fixed) {
            key = "fixed";
          } else if (e instanceof Advisory.LastAffected) {
            key = "last_affected";
          } else {
            key = "limit";
          }
          evs.addObject().put(key, e.version());
        }
      }
      ArrayNode versions = o.putArray("versions");
      af.versions().forEach(versions::add);
      if (af.severity() != null || af.status() != null) {
        ObjectNode es = o.putObject("ecosystem_specific");
        if (af.severity() != null) {
          es.put("severity", af.severity().name());
        }
        if (af.status() != null) {
          es.put(STATUS, af.status().name());
        }
      }
    }
    try {
      return MAPPER.writeValueAsBytes(n);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize advisory " + a.id(), e);
    }
  }
}
