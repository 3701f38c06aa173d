package io.drydock.refs.find;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The references in {@code helm template} output, reported at the template each document came from (its
 * {@code # Source: CHART/templates/FILE} comment). They cannot be rewritten there (the template computes them): pin
 * the chart's values instead. Pure.
 */
final class HelmRendered {
  private static final Pattern SOURCE = Pattern.compile("(?m)^# Source: [^/\\n]+/(.+?)\\s*$");
  private static final Pattern DOC_START = Pattern.compile("(?m)^---\\s*$");

  private HelmRendered() {}

  static List<SourceFile> read(Path chart, String rendered) {
    Map<Path, List<FoundRef>> byTemplate = new LinkedHashMap<>();
    Map<Path, String> texts = new LinkedHashMap<>();
    for (String doc : DOC_START.split(rendered)) {
      Matcher m = SOURCE.matcher(doc);
      if (!m.find() || doc.isBlank()) {
        continue;
      }
      Path template = chart.resolve(m.group(1));
      texts.merge(template, doc, (a, b) -> a + "\n---\n" + b);
      for (FoundRef r : YamlRefs.find(template, doc, FileKind.KUBERNETES)) {
        byTemplate.computeIfAbsent(template, t -> new ArrayList<>()).add(new FoundRef(template, 1, 1,
            RefKind.HELM_TEMPLATE, r.written(), r.image(),
            new Site.Fixed("rendered by helm template: set it in the chart's values"), null, r.problem(),
            RefRole.PULLED, null, "rendered by helm template"));
      }
    }
    List<SourceFile> out = new ArrayList<>();
    byTemplate.forEach((t, refs) -> out.add(new SourceFile(t, FileKind.KUBERNETES, texts.get(t), null, refs)));
    return out;
  }
}
