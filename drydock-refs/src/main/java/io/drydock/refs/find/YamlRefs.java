package io.drydock.refs.find;

import io.drydock.model.DrydockException;
import io.drydock.model.ImageRef;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
  /**
   * Aliases to collections allowed per file. Real compose files use many ({@code <<: *defaults} in every service:
   * getsentry/self-hosted has 145); every walk below visits a node once, so aliases cost no expansion.
   */
  static final int MAX_ALIASES = 2000;
  private static final List<String> CONTAINER_LISTS = List.of("containers", "initContainers", "ephemeralContainers");
  /** Keys beside {@code repository} that say the chart joins it with more: {@code repository/name:tag}. */
  private static final Set<String> PREFIX_SIBLINGS = Set.of("name", "imageName", "prefix", "suffix");

  /**
   * What the YAML is read with besides its text.
   *
   * @param env Compose's variables (from {@code .env} or {@code --env-file})
   * @param envSource where they came from, for messages
   * @param helmPrefixPaths Helm values paths whose {@code repository} the chart's templates use as a prefix
   * @param fields image fields of custom kinds
   */
  record Context(Map<String, String> env, String envSource, Set<String> helmPrefixPaths, List<ImageFieldSpec> fields) {
    static final Context NONE = new Context(Map.of(), ".env", Set.of(), List.of());
  }

  /** A compose service as far as references care. */
  record Service(String name, @Nullable String build, boolean buildReset, @Nullable FoundRef image, boolean imageReset,
      @Nullable String extendsService) {}

  /** The references and, for compose files, the services. */
  record Parsed(List<FoundRef> refs, Map<String, Service> services) {}

  private final Path file;
  private final String text;
  private final Context context;
  private final TextLines lines;
  private final CodePoints cp;
  private final List<FoundRef> out = new ArrayList<>();
  private final Map<String, Service> services = new LinkedHashMap<>();
  private final Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Set<Node> inlined = Collections.newSetFromMap(new IdentityHashMap<>());

  private YamlRefs(Path file, String text, Context context) {
    this.file = file;
    this.text = text;
    this.context = context;
    this.lines = TextLines.of(text);
    this.cp = CodePoints.of(text);
  }

  static List<FoundRef> find(Path file, String text, FileKind kind) {
    return parse(file, text, kind, Context.NONE).refs();
  }

  static Parsed parse(Path file, String text, FileKind kind, Context context) {
    YamlRefs y = new YamlRefs(file, text, context);
    for (Node doc : documents(file, text)) {
      switch (kind) {
        case COMPOSE -> y.compose(doc);
        case KUBERNETES -> y.kubernetes(doc);
        case HELM_VALUES -> y.helm(doc, "");
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
    return new Parsed(List.copyOf(sorted), Collections.unmodifiableMap(y.services));
  }

  /** Every document's root node; INVALID_INPUT with file:line:column when the YAML does not parse. */
  static List<Node> documents(Path file, String text) {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(MAX_ALIASES);
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
    if (!(doc instanceof MappingNode root) || !(get(root, "services") instanceof MappingNode svcs)) {
      return;
    }
    for (NodeTuple t : svcs.getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode k) || !(t.getValueNode() instanceof MappingNode service)) {
        continue;
      }
      Node build = get(service, "build");
      Node img = get(service, "image");
      FoundRef ref = null;
      if (img instanceof ScalarNode image && !isReset(img) && !empty(image)) {
        ref = composeImage(image);
      }
      Node ext = get(service, "extends");
      String extendsService = ext instanceof ScalarNode es ? es.getValue()
          : ext instanceof MappingNode em && get(em, "file") == null ? scalar(em, "service") : null;
      String buildAt = build == null || isReset(build) || (build instanceof ScalarNode bs && empty(bs)) ? null
          : file.getFileName() + ":" + (build.getStartMark().getLine() + 1);
      services.put(k.getValue(), new Service(k.getValue(), buildAt, build != null && isReset(build), ref,
          img != null && isReset(img), extendsService));
    }
  }

  private static boolean isReset(Node n) {
    return n.getTag() != null && "!reset".equals(n.getTag().getValue());
  }

  /** A compose {@code image:}, interpolated as Compose does; rewritable where its tag is written. */
  private @Nullable FoundRef composeImage(ScalarNode node) {
    Interpolation.Result r = Interpolation.of(node.getValue(), context.env());
    if (!r.hasVariables()) {
      return inline(node, RefKind.COMPOSE);
    }
    if (!inlined.add(node)) {
      return null;
    }
    int start = reportedStart(node);
    String written = r.value();
    ImageRef image = null;
    String problem = r.error();
    if (problem == null && written.isEmpty()) {
      problem = "empty after interpolation (" + new Variables(node.getValue(), r.variables()).describe() + ")";
    } else if (problem == null) {
      try {
        image = ImageRef.parse(written);
      } catch (IllegalArgumentException e) {
        problem = "'" + written + "' after interpolation: " + e.getMessage();
      }
    }
    Site scalar = site(node);
    Site site = scalar instanceof Site.Span span && image != null ? interpolatedSite(span, r, image)
        : scalar instanceof Site.Fixed ? scalar : new Site.Fixed("cannot be read");
    FoundRef ref = new FoundRef(file, line(start), column(start), RefKind.COMPOSE, written, image, site, null, problem,
        RefRole.PULLED, new Variables(node.getValue(), r.variables()), null);
    out.add(ref);
    return ref;
  }

  /**
   * Where pinning writes in an interpolated reference: the default (or plain text) that holds its tag, so that
   * {@code app:${TAG:-1.4}} becomes {@code app:${TAG:-1.4@sha256:…}}: what is used when TAG is unset is pinned, and
   * a TAG given from outside still wins, as before.
   */
  private Site interpolatedSite(Site.Span scalar, Interpolation.Result r, ImageRef image) {
    String v = r.value();
    Interpolation.Piece whole = r.covering(0, v.length());
    if (whole != null && whole.origin() == Interpolation.Origin.TEXT) {
      int s = scalar.start() + whole.rawStart();
      return new Site.Span(s, s + v.length());
    }
    if (whole != null) {
      return new Site.Fixed("the reference comes from a variable set in " + context.envSource() + "; change it there");
    }
    if (image.tag() == null && image.digest() != null) {
      return new Site.Fixed("pinned by digest only");
    }
    int slash = v.lastIndexOf('/');
    int colon = v.indexOf(':', slash + 1);
    int tagStart = colon >= 0 && colon + 1 < v.length() ? colon + 1 : -1;
    Interpolation.Piece p = tagStart >= 0 ? r.covering(tagStart, v.length()) : r.last();
    if (p != null && p.origin() == Interpolation.Origin.TEXT) {
      if (tagStart >= 0) {
        int s = scalar.start() + p.rawStart() + (tagStart - p.start());
        int e = s + (v.length() - tagStart);
        return new Site.Fields(new Site.Span(s, e), null, e);
      }
      int s = scalar.start() + p.rawStart();
      return new Site.Span(s, s + (p.end() - p.start()));
    }
    if (p != null && p.origin() == Interpolation.Origin.ENVIRONMENT) {
      return new Site.Fixed((tagStart >= 0 ? "the tag" : "the image name") + " comes from a variable set in "
          + context.envSource() + "; change it there");
    }
    return new Site.Fixed("the tag is assembled from several variables");
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
    if (kind == null) {
      return;
    }
    // like kustomize's image transformer: spec.containers of any kind, and every pod template below spec
    // (spec.template.spec for Deployment, Rollout, Knative Service, CloneSet…; spec.jobTemplate.spec.template.spec)
    if (get(root, "spec") instanceof MappingNode spec) {
      podSpecs(spec, 0);
    }
    if ("PodTemplate".equals(kind) && path(root, "template", "spec") instanceof MappingNode t) {
      podSpec(t);
    }
    String apiVersion = scalar(root, "apiVersion");
    for (ImageFieldSpec f : context.fields()) {
      if (f.appliesTo(apiVersion, kind)) {
        field(root, f.path(), 0);
      }
    }
  }

  /** Every mapping under {@code m} (through mappings, not lists) that holds a container list is a pod spec. */
  private void podSpecs(MappingNode m, int depth) {
    if (depth > 12 || !seen.add(m)) {
      return;
    }
    podSpec(m);
    for (NodeTuple t : m.getValue()) {
      if (t.getValueNode() instanceof MappingNode child && t.getKeyNode() instanceof ScalarNode k
          && !k.getValue().equals("metadata")) {
        podSpecs(child, depth + 1);
      }
    }
  }

  private void podSpec(MappingNode spec) {
    for (String list : CONTAINER_LISTS) {
      if (get(spec, list) instanceof SequenceNode containers) {
        for (Node c : containers.getValue()) {
          if (c instanceof MappingNode container && get(container, "image") instanceof ScalarNode image) {
            inline(image, RefKind.KUBERNETES);
          }
        }
      }
    }
    // image volumes (Kubernetes 1.31+): volumes[].image.reference
    if (get(spec, "volumes") instanceof SequenceNode volumes) {
      for (Node v : volumes.getValue()) {
        if (v instanceof MappingNode vm && get(vm, "image") instanceof MappingNode im
            && get(im, "reference") instanceof ScalarNode ref) {
          inline(ref, RefKind.KUBERNETES);
        }
      }
    }
  }

  private void field(Node n, List<ImageFieldSpec.Segment> path, int at) {
    if (at == path.size()) {
      if (n instanceof ScalarNode s && !empty(s)) {
        inline(s, RefKind.KUBERNETES);
      }
      return;
    }
    if (!(n instanceof MappingNode m)) {
      return;
    }
    ImageFieldSpec.Segment seg = path.get(at);
    Node v = get(m, seg.key());
    if (v == null) {
      return;
    }
    if (!seg.list()) {
      field(v, path, at + 1);
    } else if (v instanceof SequenceNode items) {
      for (Node item : items.getValue()) {
        if (seg.selectKey() == null || (item instanceof MappingNode im
            && java.util.Objects.equals(scalar(im, seg.selectKey()), seg.selectValue()))) {
          field(item, path, at + 1);
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
      ScalarNode oldName = get(entry, "name") instanceof ScalarNode s0 ? s0 : null;
      ScalarNode newName = get(entry, "newName") instanceof ScalarNode s1 ? s1 : null;
      ScalarNode name = newName != null ? newName : oldName;
      if (name == null || !seen.add(entry)) {
        continue;
      }
      ScalarNode tag = get(entry, "newTag") instanceof ScalarNode s ? s : null;
      ScalarNode digest = get(entry, "digest") instanceof ScalarNode s ? s : null;
      if ((tag == null || empty(tag)) && (digest == null || empty(digest))) {
        // kustomize keeps the resources' tag (tagSuffix appends to it): there is no tag here to check or pin
        String suffix = scalar(entry, "tagSuffix");
        String note = suffix != null ? "appends '" + suffix + "' to the tag the resources give "
            + (oldName != null ? oldName.getValue() : name.getValue())
            : "renames " + (oldName != null ? oldName.getValue() : "the image") + "; the resources' tag is kept";
        keepsTag(name, note);
        continue;
      }
      fields(entry, null, name, tag, digest, RefKind.KUSTOMIZE);
    }
  }

  private void keepsTag(ScalarNode name, String note) {
    int start = reportedStart(name);
    String value = name.getValue().strip();
    ParsedRef parsed = ParsedRef.of(value);
    ImageRef image = parsed.image();
    String problem = parsed.problem();
    out.add(new FoundRef(file, line(start), column(start), RefKind.KUSTOMIZE, value, image,
        new Site.Fixed("no tag here: the resources' tag is kept"), null, problem, RefRole.KEEPS_RESOURCE_TAG, null, note));
  }

  private void helm(Node node, String path) {
    if (!seen.add(node)) {
      return;
    }
    if (node instanceof MappingNode m) {
      String key = path.substring(path.lastIndexOf('.') + 1);
      if (get(m, "repository") instanceof ScalarNode repo
          && (get(m, "tag") != null || get(m, "digest") != null || "image".equalsIgnoreCase(key))) {
        if (isPrefix(m, repo, path)) {
          return; // the chart joins repository with more (repository/name:tag): not an image by itself
        }
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
          helm(t.getValueNode(), path.isEmpty() ? String.valueOf(k) : path + "." + k);
        }
      }
    } else if (node instanceof SequenceNode s) {
      for (Node child : s.getValue()) {
        helm(child, path + "[]");
      }
    }
  }

  /**
   * Whether a Helm {@code repository} is only the front of an image: it ends with {@code /}, the chart's templates
   * write {@code {{ .Values.PATH.repository }}/…}, or the map also names the image ({@code name}, {@code prefix}, …).
   */
  private boolean isPrefix(MappingNode m, ScalarNode repo, String path) {
    if (repo.getValue().strip().endsWith("/") || context.helmPrefixPaths().contains(path)) {
      return true;
    }
    for (String k : PREFIX_SIBLINGS) {
      if (get(m, k) instanceof ScalarNode s && !empty(s)) {
        return true;
      }
    }
    return false;
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

  private @Nullable FoundRef inline(ScalarNode node, RefKind kind) {
    if (!inlined.add(node)) {
      return null; // the same anchored scalar reached again through an alias
    }
    int start = reportedStart(node);
    String value = node.getValue();
    Site site = site(node);
    ParsedRef parsed = ParsedRef.of(value);
    ImageRef image = parsed.image();
    String problem = parsed.problem();
    FoundRef ref = new FoundRef(file, line(start), column(start), kind, value, image, site, null, problem);
    out.add(ref);
    return ref;
  }

  /** Where a scalar is reported: quoted scalars at their opening quote, as editors do. */
  private int reportedStart(ScalarNode node) {
    int start = spanOf(node).start();
    if (node.getScalarStyle() != DumperOptions.ScalarStyle.PLAIN && start > 0) {
      start--;
    }
    return start;
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
    ParsedRef parsed = ParsedRef.of(written);
    ImageRef image = parsed.image();
    String problem = parsed.problem();
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
    for (NodeTuple t : m.getValue()) {
      if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("<<")) {
        return get(m, key, 0, Collections.newSetFromMap(new IdentityHashMap<>()));
      }
    }
    return get(m, key, 0, Set.of());
  }

  private static @Nullable Node get(MappingNode m, String key, int depth, Set<Node> visited) {
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
          Node n = src instanceof MappingNode sm && visited.add(sm) ? get(sm, key, depth + 1, visited) : null;
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
