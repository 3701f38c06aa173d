package io.drydock.refs.find;

import io.drydock.model.DrydockException;
import io.drydock.model.ImageRef;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Image references in YAML files, read with SnakeYAML's node API so that every scalar comes with its exact start
 * and end (aliases share their anchor's node, so an anchored image is found, and rewritten, once).
 */
final class YamlRefs {
  private static final Set<String> WORKLOADS = Set.of("Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet",
      "Job", "CronJob");
  private static final List<String> CONTAINER_LISTS = List.of("containers", "initContainers", "ephemeralContainers");

  private final Path file;
  private final String text;
  private final TextLines lines;
  private final CodePoints cp;
  private final List<FoundRef> out = new ArrayList<>();
  private final Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Set<Node> inlined = Collections.newSetFromMap(new IdentityHashMap<>());

  private YamlRefs(Path file, String text) {
    this.file = file;
    this.text = text;
    this.lines = TextLines.of(text);
    this.cp = CodePoints.of(text);
  }

  static List<FoundRef> find(Path file, String text, FileKind kind) {
    YamlRefs y = new YamlRefs(file, text);
    for (Node doc : documents(file, text)) {
      switch (kind) {
        case COMPOSE -> y.compose(doc);
        case KUBERNETES -> y.kubernetes(doc);
        case HELM_VALUES -> y.helm(doc, null);
        case KUSTOMIZATION -> y.kustomize(doc);
        case YAML -> {
          if (doc instanceof MappingNode m && scalar(m, "kind") != null && scalar(m, "apiVersion") != null) {
            y.kubernetes(doc);
          } else if (doc instanceof MappingNode m && get(m, "services") instanceof MappingNode) {
            y.compose(doc);
          }
        }
        default -> throw new IllegalArgumentException("not a YAML kind: " + kind);
      }
    }
    List<FoundRef> sorted = new ArrayList<>(y.out);
    sorted.sort(java.util.Comparator.comparingInt(FoundRef::line).thenComparingInt(FoundRef::column));
    return List.copyOf(sorted);
  }

  /** Every document's root node; INVALID_INPUT with file:line:column when the YAML does not parse. */
  static List<Node> documents(Path file, String text) {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(100);
    options.setNestingDepthLimit(100);
    options.setCodePointLimit(RefFinder.MAX_FILE_BYTES);
    options.setAllowDuplicateKeys(true);
    try {
      Composer composer = new Composer(new ParserImpl(new StreamReader(new StringReader(text)), options), new Resolver(),
          options);
      List<Node> docs = new ArrayList<>();
      while (composer.checkNode()) {
        Node n = composer.getNode();
        if (n != null) {
          docs.add(n);
        }
      }
      return docs;
    } catch (MarkedYAMLException e) {
      Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String where = m == null ? file.toString() : file + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1);
      String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
      throw DrydockException.invalidInput("Tried to read YAML " + file + " but failed because: " + where + ": "
          + oneLine(String.valueOf(problem)));
    } catch (YAMLException e) {
      throw DrydockException.invalidInput("Tried to read YAML " + file + " but failed because: " + file + ": "
          + oneLine(String.valueOf(e.getMessage())));
    }
  }

  private static String oneLine(String s) {
    return s.replaceAll("\\s+", " ").strip();
  }

  // --- kinds ---

  private void compose(Node doc) {
    if (doc instanceof MappingNode root && get(root, "services") instanceof MappingNode services) {
      for (NodeTuple t : services.getValue()) {
        if (t.getValueNode() instanceof MappingNode service && get(service, "image") instanceof ScalarNode image) {
          inline(image, RefKind.COMPOSE);
        }
      }
    }
  }

  private void kubernetes(Node doc) {
    if (!(doc instanceof MappingNode root)) {
      return;
    }
    String kind = scalar(root, "kind");
    if ("List".equals(kind) && get(root, "items") instanceof SequenceNode items) {
      items.getValue().forEach(this::kubernetes);
      return;
    }
    if (kind == null || !WORKLOADS.contains(kind)) {
      return;
    }
    Node podSpec = switch (kind) {
      case "Pod" -> get(root, "spec");
      case "CronJob" -> path(root, "spec", "jobTemplate", "spec", "template", "spec");
      default -> path(root, "spec", "template", "spec");
    };
    if (!(podSpec instanceof MappingNode spec)) {
      return;
    }
    for (String list : CONTAINER_LISTS) {
      if (get(spec, list) instanceof SequenceNode containers) {
        for (Node c : containers.getValue()) {
          if (c instanceof MappingNode container && get(container, "image") instanceof ScalarNode image) {
            inline(image, RefKind.KUBERNETES);
          }
        }
      }
    }
  }

  private void kustomize(Node doc) {
    if (!(doc instanceof MappingNode root) || !(get(root, "images") instanceof SequenceNode images)) {
      return;
    }
    for (Node n : images.getValue()) {
      if (!(n instanceof MappingNode entry)) {
        continue;
      }
      ScalarNode name = get(entry, "newName") instanceof ScalarNode s ? s : get(entry, "name") instanceof ScalarNode s2 ? s2 : null;
      if (name == null || !seen.add(entry)) {
        continue;
      }
      ScalarNode tag = get(entry, "newTag") instanceof ScalarNode s ? s : null;
      ScalarNode digest = get(entry, "digest") instanceof ScalarNode s ? s : null;
      fields(entry, null, name, tag, digest, RefKind.KUSTOMIZE);
    }
  }

  private void helm(Node node, @Nullable String key) {
    if (!seen.add(node)) {
      return;
    }
    if (node instanceof MappingNode m) {
      if (get(m, "repository") instanceof ScalarNode repo
          && (get(m, "tag") != null || get(m, "digest") != null || "image".equalsIgnoreCase(key))) {
        ScalarNode registry = get(m, "registry") instanceof ScalarNode r ? r : null;
        ScalarNode tag = get(m, "tag") instanceof ScalarNode t ? t : null;
        ScalarNode digest = get(m, "digest") instanceof ScalarNode d ? d : null;
        fields(m, registry, repo, tag, digest, RefKind.HELM);
        return;
      }
      for (NodeTuple t : m.getValue()) {
        String k = t.getKeyNode() instanceof ScalarNode ks ? ks.getValue() : null;
        if (k != null && isImageKey(k) && t.getValueNode() instanceof ScalarNode v) {
          String value = v.getValue();
          if (!value.isBlank() && !value.contains("{{") && !value.chars().anyMatch(Character::isWhitespace)
              && (k.equalsIgnoreCase("image") || value.matches(".*[:/@].*")) && parses(value)) {
            inline(v, RefKind.HELM);
          }
        } else {
          helm(t.getValueNode(), k);
        }
      }
    } else if (node instanceof SequenceNode s) {
      for (Node child : s.getValue()) {
        helm(child, null);
      }
    }
  }

  private static boolean isImageKey(String k) {
    String lower = k.toLowerCase(Locale.ROOT);
    return lower.equals("image") || k.endsWith("Image") || lower.endsWith("_image") || lower.endsWith("-image");
  }

  private static boolean parses(String value) {
    try {
      ImageRef.parse(value);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  // --- references ---

  private void inline(ScalarNode node, RefKind kind) {
    if (!inlined.add(node)) {
      return; // the same anchored scalar reached again through an alias
    }
    int start = spanOf(node).start();
    if (node.getScalarStyle() != DumperOptions.ScalarStyle.PLAIN && start > 0) {
      start--; // report quoted scalars at their opening quote, as editors do
    }
    String value = node.getValue();
    Site site = site(node);
    ImageRef image = null;
    String problem = null;
    try {
      image = ImageRef.parse(value);
    } catch (IllegalArgumentException e) {
      problem = e.getMessage();
    }
    out.add(new FoundRef(file, line(start), column(start), kind, value, image, site, null, problem));
  }

  private void fields(MappingNode map, @Nullable ScalarNode registry, ScalarNode repo, @Nullable ScalarNode tag,
      @Nullable ScalarNode digest, RefKind kind) {
    String reg = registry == null ? "" : registry.getValue().strip();
    String written = (reg.isEmpty() ? "" : reg + "/") + repo.getValue().strip()
        + (tag == null || empty(tag) ? "" : ":" + tag.getValue().strip())
        + (digest == null || empty(digest) ? "" : "@" + digest.getValue().strip());
    Site site;
    Site tagSite = tag == null ? null : site(tag);
    Site digestSite = digest == null ? null : site(digest);
    if (tagSite instanceof Site.Fixed f) {
      site = f;
    } else if (digestSite instanceof Site.Fixed f) {
      site = f;
    } else if (tag == null && digest == null) {
      site = new Site.Fixed("no tag or digest key to write the digest into");
    } else {
      Site.Span t = (Site.Span) tagSite;
      site = new Site.Fields(t, (Site.Span) digestSite, t == null ? -1 : t.end());
    }
    ImageRef image = null;
    String problem = null;
    try {
      image = ImageRef.parse(written);
    } catch (IllegalArgumentException e) {
      problem = e.getMessage();
    }
    int start = skipProperties(cp.charIndex((tag != null ? tag : repo).getStartMark().getIndex()), text.length());
    out.add(new FoundRef(file, line(start), column(start), kind, written, image, site, null, problem));
  }

  private static boolean empty(ScalarNode n) {
    String v = n.getValue();
    return v.isEmpty() || (n.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN && (v.equals("~") || v.equals("null")));
  }

  /** The span of a scalar's text without quotes, or Fixed when the text is not the value (escapes, folding). */
  private Site site(ScalarNode node) {
    DumperOptions.ScalarStyle style = node.getScalarStyle();
    if (style == DumperOptions.ScalarStyle.LITERAL || style == DumperOptions.ScalarStyle.FOLDED) {
      return new Site.Fixed("block scalar");
    }
    Site.Span span = spanOf(node);
    String inFile = text.substring(span.start(), span.end());
    if (!inFile.equals(node.getValue()) && !(empty(node) && style == DumperOptions.ScalarStyle.PLAIN)) {
      return new Site.Fixed("scalar written with escapes or over several lines");
    }
    return span;
  }

  private Site.Span spanOf(ScalarNode node) {
    int end = cp.charIndex(node.getEndMark().getIndex());
    int start = skipProperties(cp.charIndex(node.getStartMark().getIndex()), end);
    DumperOptions.ScalarStyle style = node.getScalarStyle();
    if ((style == DumperOptions.ScalarStyle.SINGLE_QUOTED || style == DumperOptions.ScalarStyle.DOUBLE_QUOTED)
        && end - start >= 2) {
      return new Site.Span(start + 1, end - 1);
    }
    return new Site.Span(start, Math.max(start, end));
  }

  /** A node's start mark is at its anchor ({@code &name}) or tag ({@code !!str}) when it has one: skip them. */
  private int skipProperties(int start, int end) {
    int i = start;
    while (i < end && (text.charAt(i) == '&' || text.charAt(i) == '!')) {
      while (i < end && !Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      while (i < end && Character.isWhitespace(text.charAt(i))) {
        i++;
      }
    }
    return i;
  }

  private int line(int charIndex) {
    return lines.lineOf(charIndex) + 1;
  }

  private int column(int charIndex) {
    return lines.columnOf(text, charIndex);
  }

  // --- node helpers ---

  /** The value of {@code key}, looking into merge keys ({@code <<: *base}) when the mapping lacks it. */
  static @Nullable Node get(MappingNode m, String key) {
    return get(m, key, 0);
  }

  private static @Nullable Node get(MappingNode m, String key, int depth) {
    Node found = null;
    for (NodeTuple t : m.getValue()) {
      if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
        found = t.getValueNode();
      }
    }
    if (found != null || depth > 8) {
      return found;
    }
    for (NodeTuple t : m.getValue()) {
      if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("<<")) {
        List<Node> sources = t.getValueNode() instanceof SequenceNode s ? s.getValue() : List.of(t.getValueNode());
        for (Node src : sources) {
          Node n = src instanceof MappingNode sm ? get(sm, key, depth + 1) : null;
          if (n != null) {
            return n;
          }
        }
      }
    }
    return null;
  }

  static @Nullable String scalar(MappingNode m, String key) {
    return get(m, key) instanceof ScalarNode s ? s.getValue() : null;
  }

  private static @Nullable Node path(MappingNode m, String... keys) {
    Node n = m;
    for (String k : keys) {
      if (!(n instanceof MappingNode mn)) {
        return null;
      }
      n = get(mn, k);
    }
    return n;
  }

  /** SnakeYAML marks count code points; Java strings count chars. */
  private static final class CodePoints {
    private final int @Nullable [] charIndex;

    private CodePoints(int @Nullable [] charIndex) {
      this.charIndex = charIndex;
    }

    static CodePoints of(String text) {
      if (text.codePoints().noneMatch(Character::isSupplementaryCodePoint)) {
        return new CodePoints(null);
      }
      int[] map = new int[text.codePointCount(0, text.length()) + 1];
      int c = 0;
      for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
        map[c++] = i;
      }
      map[c] = text.length();
      return new CodePoints(map);
    }

    int charIndex(int codePointIndex) {
      return charIndex == null ? codePointIndex : charIndex[Math.min(codePointIndex, charIndex.length - 1)];
    }
  }
}
