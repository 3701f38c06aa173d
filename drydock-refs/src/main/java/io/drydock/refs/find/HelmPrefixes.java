package io.drydock.refs.find;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which values' {@code repository} a chart's templates use as a prefix of an image, so that the finder does not
 * take it for an image: {@code image: {{ .Values.images.repository }}/{{ .Values.x.name }}:…} (the Online
 * Boutique chart) or {@code printf "%s/%s" .Values.image.repository …}.
 */
final class HelmPrefixes {
  private static final Pattern JOINED = Pattern.compile(
      "\\.Values\\.([A-Za-z0-9_.]+)\\.repository\\s*-?}}\\s*/");
  private static final Pattern PRINTF = Pattern.compile(
      "printf\\s+\"%s/[^\"]*\"\\s+\\(?\\s*\\.Values\\.([A-Za-z0-9_.]+)\\.repository\\b");
  private static final int MAX_FILES = 500;

  private HelmPrefixes() {}

  static Set<String> of(Path chart) {
    Path templates = chart.resolve("templates");
    if (!Files.isDirectory(templates)) {
      return Set.of();
    }
    Set<String> out = new HashSet<>();
    try (Stream<Path> s = Files.walk(templates, 4)) {
      List<Path> files = s.filter(Files::isRegularFile).limit(MAX_FILES).toList();
      for (Path f : files) {
        if (Files.size(f) > RefFinder.MAX_FILE_BYTES) {
          continue;
        }
        String text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
        out.addAll(in(text));
      }
    } catch (IOException e) {
      return Set.copyOf(out); // what could be read; the files themselves are listed as skipped templates
    }
    return Set.copyOf(out);
  }

  /** The values paths a template's text uses as prefixes (pure). */
  static Set<String> in(String template) {
    Set<String> out = new HashSet<>();
    for (Pattern p : List.of(JOINED, PRINTF)) {
      Matcher m = p.matcher(template);
      while (m.find()) {
        out.add(m.group(1));
      }
    }
    return out;
  }
}
