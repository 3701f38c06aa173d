package io.drydock.refs.find;

import static io.drydock.refs.find.YamlNodes.empty;
import static io.drydock.refs.find.YamlNodes.get;
import static io.drydock.refs.find.YamlNodes.isReset;
import static io.drydock.refs.find.YamlNodes.path;
import static io.drydock.refs.find.YamlNodes.scalar;

import io.drydock.model.ImageRef;
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
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Image references in YAML files, read with SnakeYAML's node API so that every scalar comes with its exact start
 * and end (aliases share their anchor's node, so an anchored image is found, and rewritten, once).
 */
final class YamlRefs {
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
  private final Context context;
  private final YamlText at;
  private final List<FoundRef> out = new ArrayList<>();
  private final Map<String, Service> services = new LinkedHashMap<>();
  private final Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Set<Node> inlined = Collections.newSetFromMap(new IdentityHashMap<>());

  private YamlRefs(Path file, String text, Context context) {
    this.file = file;
    this.context = context;
    this.at = new YamlText(text);
  }

  static List<FoundRef> find(Path file, String text, FileKind kind) {
    return parse(file, text, kind, Context.NONE).refs();
  }

  static Parsed parse(Path file, String text, FileKind kind, Context context) {
    YamlRefs y = new YamlRefs(file, text, context);
    for (Node doc : YamlNodes.documents(file, text)) {
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

  /** A compose {@code image:}, interpolated as Compose does; rewritable where its tag is written. */
  private @Nullable FoundRef composeImage(ScalarNode node) {
    Interpolation.Result r = Interpolation.of(node.getValue(), context.env());
    if (!r.hasVariables()) {
      return inline(node, RefKind.COMPOSE);
    }
    if (!inlined.add(node)) {
      return null;
    }
    int start = at.reportedStart(node);
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
    Site scalar = at.site(node);
    Site site = scalar instanceof Site.Span span && image != null ? InterpolatedSite.of(span, r, image, context.envSource())
        : scalar instanceof Site.Fixed ? scalar : new Site.Fixed("cannot be read");
    FoundRef ref = new FoundRef(file, at.line(start), at.column(start), RefKind.COMPOSE, written, image, site, null, problem,
        RefRole.PULLED, new Variables(node.getValue(), r.variables()), null);
    out.add(ref);
    return ref;
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
    int start = at.reportedStart(name);
    String value = name.getValue().strip();
    ParsedRef parsed = ParsedRef.of(value);
    ImageRef image = parsed.image();
    String problem = parsed.problem();
    out.add(new FoundRef(file, at.line(start), at.column(start), RefKind.KUSTOMIZE, value, image,
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
    int start = at.reportedStart(node);
    String value = node.getValue();
    Site site = at.site(node);
    ParsedRef parsed = ParsedRef.of(value);
    ImageRef image = parsed.image();
    String problem = parsed.problem();
    FoundRef ref = new FoundRef(file, at.line(start), at.column(start), kind, value, image, site, null, problem);
    out.add(ref);
    return ref;
  }

  private void fields(MappingNode map, @Nullable ScalarNode registry, ScalarNode repo, @Nullable ScalarNode tag,
      @Nullable ScalarNode digest, RefKind kind) {
    String reg = registry == null ? "" : registry.getValue().strip();
    String written = (reg.isEmpty() ? "" : reg + "/") + repo.getValue().strip()
        + (tag == null || empty(tag) ? "" : ":" + tag.getValue().strip())
        + (digest == null || empty(digest) ? "" : "@" + digest.getValue().strip());
    Site site;
    Site tagSite = tag == null ? null : at.site(tag);
    Site digestSite = digest == null ? null : at.site(digest);
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
    int start = at.startOf(tag != null ? tag : repo);
    out.add(new FoundRef(file, at.line(start), at.column(start), kind, written, image, site, null, problem));
  }


}
