package io.drydock.scan.analyzer.python;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Python core metadata (PKG-INFO / METADATA): RFC 822 style headers up to the first blank line; the body is the
 * description and is ignored. Pure.
 */
record CoreMetadata(String name, String version, List<String> licenses) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?");
  private static final Pattern VERSION = Pattern.compile("\\S+");
  private static final Pattern SEPARATORS = Pattern.compile("[-_.]+");
  private static final String LICENSE_CLASSIFIER = "License :: ";

  CoreMetadata {
    licenses = List.copyOf(licenses);
  }

  /** PEP 503 normalised name: lower case, runs of {@code - _ .} become one {@code -}. */
  static String normalise(String name) {
    return SEPARATORS.matcher(name).replaceAll("-").toLowerCase(Locale.ROOT);
  }

  /** Empty when Name or Version is missing or invalid. */
  static Optional<CoreMetadata> parse(byte[] bytes) {
    Map<String, List<String>> headers = headers(new String(bytes, StandardCharsets.UTF_8));
    String name = first(headers, "name");
    String version = first(headers, "version");
    if (name == null || version == null || !NAME.matcher(name).matches() || !VERSION.matcher(version).matches()) {
      return Optional.empty();
    }
    return Optional.of(new CoreMetadata(name, version, licenses(headers)));
  }

  /**
   * License-Expression (metadata 2.4), else License when it is a short one-line value (not "UNKNOWN", not a pasted
   * licence text), else the {@code License ::} classifiers' last segments.
   */
  static List<String> licenses(Map<String, List<String>> headers) {
    String expression = first(headers, "license-expression");
    if (expression != null) {
      return List.of(expression);
    }
    String license = first(headers, "license");
    if (license != null && !license.equalsIgnoreCase("UNKNOWN") && license.indexOf('\n') < 0
        && license.length() <= 100) {
      return List.of(license);
    }
    List<String> out = new ArrayList<>();
    for (String classifier : headers.getOrDefault("classifier", List.of())) {
      if (classifier.startsWith(LICENSE_CLASSIFIER)) {
        String last = classifier.substring(classifier.lastIndexOf("::") + 2).strip();
        if (!last.isEmpty() && !last.equals("OSI Approved") && !out.contains(last)) {
          out.add(last);
        }
      }
    }
    return out;
  }

  /** Header fields by lower-case name, values in order; folded lines are joined with '\n'. */
  static Map<String, List<String>> headers(String text) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    List<String> current = null;
    for (String line : text.split("\r?\n", -1)) {
      if (line.isEmpty()) {
        break;
      }
      if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && current != null) {
        int last = current.size() - 1;
        current.set(last, current.get(last) + "\n" + line.strip());
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        continue; // not a header line; tolerate
      }
      current = headers.computeIfAbsent(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>());
      current.add(line.substring(colon + 1).strip());
    }
    return headers;
  }

  private static @Nullable String first(Map<String, List<String>> headers, String name) {
    List<String> values = headers.get(name);
    if (values == null || values.isEmpty()) {
      return null;
    }
    String v = values.get(0).strip();
    return v.isEmpty() ? null : v;
  }
}
