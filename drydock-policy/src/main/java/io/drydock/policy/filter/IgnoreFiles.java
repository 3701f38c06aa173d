package io.drydock.policy.filter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.drydock.model.DrydockException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads ignore files into {@link IgnoreRule}s. Three formats, told apart by content:
 *
 * <ul>
 *   <li>{@code .trivyignore}: one vulnerability id per line, optionally {@code exp:YYYY-MM-DD}; {@code #} starts
 *       a comment;
 *   <li>{@code .trivyignore.yaml}: {@code vulnerabilities: [{id, paths, purls, statement, expired_at}]} (other
 *       sections, for misconfigurations, secrets and licences, are ignored);
 *   <li>drydock exceptions: {@code exceptions: [{id, package, purl, paths, owner, justification, expires}]} where
 *       {@code id}, {@code owner}, {@code justification} and {@code expires} are required (docs/scan.md).
 * </ul>
 *
 * Files are at most {@link #MAX_BYTES}; anything malformed is an INVALID_INPUT error naming the file and line.
 */
public final class IgnoreFiles {
  /** The largest ignore file read. */
  public static final int MAX_BYTES = 1 << 20;

  private static final Pattern YAML_KEY = Pattern.compile("(?m)^(exceptions|vulnerabilities|misconfigurations|secrets|licenses)\\s*:");
  private static final Set<String> EXCEPTION_KEYS = Set.of("id", "package", "purl", "purls", "paths", "owner", "justification", "expires");
  private static final Set<String> TRIVY_KEYS = Set.of("id", "paths", "purls", "statement", "expired_at");

  private IgnoreFiles() {}

  /**
   * Parses the ignore file {@code name} (its file name, which also picks the format) in whichever of the three
   * formats it is. Reading the file is the caller's ({@code io.drydock.scan.CriteriaFiles}).
   */
  public static List<IgnoreRule> parse(String text, String name) {
    boolean yaml = name.endsWith(".yaml") || name.endsWith(".yml") || YAML_KEY.matcher(text).find();
    return yaml ? parseYaml(text, name) : parseTrivyIgnore(text, name);
  }

  /** {@code .trivyignore}: {@code ID [exp:YYYY-MM-DD]} per line. */
  public static List<IgnoreRule> parseTrivyIgnore(String text, String name) {
    List<IgnoreRule> rules = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      int hash = line.indexOf('#');
      if (hash >= 0) {
        line = line.substring(0, hash);
      }
      line = line.strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] fields = line.split("\\s+");
      LocalDate expires = null;
      for (int f = 1; f < fields.length; f++) {
        if (fields[f].startsWith("exp:")) {
          expires = date(fields[f].substring(4), name + ":" + (i + 1));
        }
      }
      rules.add(new IgnoreRule(fields[0], List.of(), List.of(), null, null, null, expires, name + ":" + (i + 1), "ignorefile"));
    }
    return rules;
  }

  /** {@code .trivyignore.yaml} or drydock exceptions. */
  public static List<IgnoreRule> parseYaml(String text, String name) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(text);
    } catch (JsonProcessingException e) {
      throw invalid(name + (e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr()),
          "it is not valid YAML (" + e.getOriginalMessage().replaceAll("\\s+", " ") + ")");
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return List.of();
    }
    if (!root.isObject()) {
      throw invalid(name, "the top level is not a mapping with 'exceptions:' or 'vulnerabilities:'");
    }
    List<IgnoreRule> rules = new ArrayList<>();
    if (root.has("exceptions")) {
      int n = 0;
      for (JsonNode e : list(root.get("exceptions"), name, "exceptions")) {
        n++;
        String where = name + " exceptions[" + n + "]";
        checkKeys(e, EXCEPTION_KEYS, where);
        String id = required(e, "id", where);
        List<String> purls = strings(e.get("purls"), where + ".purls");
        if (e.hasNonNull("purl")) {
          purls = new ArrayList<>(purls);
          purls.add(scalar(e, "purl", where));
        }
        rules.add(new IgnoreRule(id, strings(e.get("paths"), where + ".paths"), purls, optional(e, "package", where),
            required(e, "justification", where), required(e, "owner", where), date(required(e, "expires", where), where),
            name + " exceptions[" + n + "] " + id, "exception"));
      }
    }
    if (root.has("vulnerabilities")) {
      int n = 0;
      for (JsonNode v : list(root.get("vulnerabilities"), name, "vulnerabilities")) {
        n++;
        String where = name + " vulnerabilities[" + n + "]";
        checkKeys(v, TRIVY_KEYS, where);
        String id = required(v, "id", where);
        String expiredAt = optional(v, "expired_at", where);
        rules.add(new IgnoreRule(id, strings(v.get("paths"), where + ".paths"), strings(v.get("purls"), where + ".purls"), null,
            optional(v, "statement", where), null, expiredAt == null ? null : date(expiredAt, where), where + " " + id, "ignorefile"));
      }
    }
    return rules;
  }

  private static Iterable<JsonNode> list(@Nullable JsonNode node, String name, String key) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw invalid(name, "'" + key + "' is not a list");
    }
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode n : node) {
      if (!n.isObject()) {
        throw invalid(name, "an entry of '" + key + "' is not a mapping");
      }
      out.add(n);
    }
    return out;
  }

  private static void checkKeys(JsonNode n, Set<String> allowed, String where) {
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!allowed.contains(key)) {
        throw invalid(where, "unknown key '" + key + "' (allowed: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
      }
    }
  }

  private static String required(JsonNode n, String key, String where) {
    String v = optional(n, key, where);
    if (v == null || v.isBlank()) {
      throw invalid(where, "'" + key + "' is required");
    }
    return v;
  }

  private static @Nullable String optional(JsonNode n, String key, String where) {
    return n.hasNonNull(key) ? scalar(n, key, where) : null;
  }

  private static String scalar(JsonNode n, String key, String where) {
    JsonNode v = n.get(key);
    if (!v.isValueNode()) {
      throw invalid(where, "'" + key + "' is not a single value");
    }
    return v.asText().strip();
  }

  private static List<String> strings(@Nullable JsonNode node, String where) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw invalid(where, "it is not a list");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode n : node) {
      if (!n.isValueNode()) {
        throw invalid(where, "an entry is not a single value");
      }
      out.add(n.asText().strip());
    }
    return out;
  }

  private static LocalDate date(String text, String where) {
    String t = text.strip();
    try {
      // expired_at may be written as a full timestamp; its date is what counts
      return LocalDate.parse(t.length() > 10 && t.charAt(10) == 'T' ? t.substring(0, 10) : t);
    } catch (DateTimeParseException e) {
      throw invalid(where, "'" + text + "' is not a date (YYYY-MM-DD)");
    }
  }

  private static DrydockException invalid(String where, String why) {
    return DrydockException.invalidInput("Tried to read the ignore rules at " + where + " but failed because: " + why);
  }
}
