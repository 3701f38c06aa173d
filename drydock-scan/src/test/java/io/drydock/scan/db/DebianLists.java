package io.drydock.scan.db;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Converts the Debian security tracker's {@code data/DSA/list} / {@code data/DLA/list} into OSV records as osv.dev's
 * Debian converter does: one record per advisory ({@code DSA-5218-1}), summary {@code "<package> - <title>"}, the CVEs
 * as {@code related}, and per release line {@code [bullseye] - zlib 1:1.2.11.dfsg-2+deb11u2} one affected entry
 * {@code Debian:11 / zlib} with the range introduced 0, fixed at that version; {@code <not-affected>} and other
 * {@code <…>} lines give no entry. Test code: drydock imports the OSV exports, not these lists.
 */
final class DebianLists {
  private static final Pattern HEADER = Pattern.compile("^\\[(\\d{1,2} \\w{3} \\d{4})\\] (D[SL]A-[0-9-]+) (\\S+)(?: - | )?(.*)$");
  private static final Pattern CVES = Pattern.compile("^\\s+\\{(.*)\\}\\s*$");
  private static final Pattern RELEASE = Pattern.compile("^\\s+\\[(\\w+)\\] - (\\S+) (\\S+).*$");
  private static final Map<String, String> RELEASES = Map.ofEntries(
      Map.entry("woody", "3.0"), Map.entry("sarge", "3.1"), Map.entry("etch", "4.0"), Map.entry("lenny", "5.0"),
      Map.entry("squeeze", "6.0"), Map.entry("wheezy", "7"), Map.entry("jessie", "8"), Map.entry("stretch", "9"),
      Map.entry("buster", "10"), Map.entry("bullseye", "11"), Map.entry("bookworm", "12"));
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

  private DebianLists() {}

  /** Writes one OSV JSON file per advisory of {@code list} into {@code out}; returns how many. */
  static int toOsv(Path list, Path out) throws IOException {
    ObjectMapper json = new ObjectMapper();
    Files.createDirectories(out);
    List<ObjectNode> records = new ArrayList<>();
    ObjectNode current = null;
    for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
      Matcher h = HEADER.matcher(line);
      if (h.matches()) {
        current = json.createObjectNode();
        String date = LocalDate.parse(h.group(1), DATE) + "T00:00:00Z";
        current.put("schema_version", "1.6.0");
        current.put("id", h.group(2));
        current.put("summary", h.group(3) + (h.group(4).isBlank() ? "" : " - " + h.group(4).strip()));
        current.put("published", date);
        current.put("modified", date);
        current.putArray("related");
        current.putArray("affected");
        records.add(current);
        continue;
      }
      if (current == null) {
        continue;
      }
      Matcher c = CVES.matcher(line);
      if (c.matches()) {
        ArrayNode related = (ArrayNode) current.get("related");
        for (String id : c.group(1).trim().split("\\s+")) {
          if (!id.isEmpty()) {
            related.add(id);
          }
        }
        continue;
      }
      Matcher r = RELEASE.matcher(line);
      if (r.matches() && RELEASES.containsKey(r.group(1)) && !r.group(3).startsWith("<")) {
        ObjectNode a = ((ArrayNode) current.get("affected")).addObject();
        a.putObject("package").put("ecosystem", "Debian:" + RELEASES.get(r.group(1))).put("name", r.group(2));
        ArrayNode events = a.putArray("ranges").addObject().put("type", "ECOSYSTEM").putArray("events");
        events.addObject().put("introduced", "0");
        events.addObject().put("fixed", r.group(3));
      }
    }
    for (ObjectNode rec : records) {
      Files.write(out.resolve(rec.get("id").asText() + ".json"), json.writerWithDefaultPrettyPrinter().writeValueAsBytes(rec));
    }
    return records.size();
  }
}
