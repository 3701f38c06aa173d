package io.drydock.refs.find;

import io.drydock.model.DrydockException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Where a kind of Kubernetes object keeps an image, as kustomize's transformer configuration declares it
 * ({@code configurations:} files; the {@code images:} list of field specs):
 *
 * <pre>
 * images:
 * - path: spec/runtime/image
 *   kind: MLSBackend
 * - path: spec/template/spec/containers[]/image
 *   group: apps.kruise.io
 *   kind: CloneSet
 * </pre>
 *
 * A path is {@code /}-separated keys; {@code key[]} goes into every item of a list, {@code key[name=x]} into the
 * items whose {@code name} is {@code x}. No kind means every kind. {@code create} and the other transformers'
 * lists are ignored.
 *
 * @param group API group ({@code apps}), or null for any
 * @param version API version ({@code v1}), or null for any
 * @param kind kind, or null for any
 * @param path the segments
 */
public record ImageFieldSpec(@Nullable String group, @Nullable String version, @Nullable String kind,
    List<Segment> path) {
  private static final Pattern SEGMENT = Pattern.compile("([^\\[\\]]+)(?:\\[(?:([^=\\]]+)=([^\\]]*))?\\])?");

  public ImageFieldSpec {
    path = List.copyOf(path);
    if (path.isEmpty()) {
      throw new IllegalArgumentException("empty path");
    }
  }

  /**
   * One step of a path.
   *
   * @param key the mapping key
   * @param list whether the value is a list whose items the rest of the path applies to
   * @param selectKey with {@code list}, only items whose {@code selectKey} is {@code selectValue}; else null
   */
  public record Segment(String key, boolean list, @Nullable String selectKey, @Nullable String selectValue) {}

  /** Whether it applies to an object with this {@code apiVersion} and {@code kind}. */
  public boolean appliesTo(@Nullable String apiVersion, @Nullable String objectKind) {
    if (kind != null && !kind.equals(objectKind)) {
      return false;
    }
    String av = apiVersion == null ? "" : apiVersion;
    int slash = av.indexOf('/');
    String g = slash < 0 ? "" : av.substring(0, slash);
    String v = slash < 0 ? av : av.substring(slash + 1);
    return (group == null || group.equals(g)) && (version == null || version.equals(v));
  }

  /** The field specs of a transformer configuration file. */
  public static List<ImageFieldSpec> read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw DrydockException.notFound("Tried to read image field config " + file + " but failed because: no such file");
    }
    return parse(file, FileText.decode(file, Files.readAllBytes(file)));
  }

  /** The field specs of a transformer configuration's text (pure). */
  public static List<ImageFieldSpec> parse(Path file, String text) {
    List<ImageFieldSpec> out = new ArrayList<>();
    for (Node doc : YamlNodes.documents(file, text)) {
      if (!(doc instanceof MappingNode root) || !(YamlNodes.get(root, "images") instanceof SequenceNode images)) {
        continue;
      }
      for (Node n : images.getValue()) {
        if (!(n instanceof MappingNode spec) || !(YamlNodes.get(spec, "path") instanceof ScalarNode p)) {
          throw bad(file, n, "an images entry needs a path");
        }
        List<Segment> segments = new ArrayList<>();
        for (String s : p.getValue().split("/")) {
          Matcher m = SEGMENT.matcher(s);
          if (!m.matches()) {
            throw bad(file, p, "path segment '" + s + "' is not key, key[] or key[name=value]");
          }
          segments.add(new Segment(m.group(1), s.endsWith("]"), m.group(2), m.group(3)));
        }
        if (segments.isEmpty()) {
          throw bad(file, p, "empty path");
        }
        out.add(new ImageFieldSpec(YamlNodes.scalar(spec, "group"), YamlNodes.scalar(spec, "version"),
            YamlNodes.scalar(spec, "kind"), segments));
      }
    }
    return List.copyOf(out);
  }

  private static DrydockException bad(Path file, Node n, String why) {
    return DrydockException.invalidInput("Tried to read image field config " + file + " but failed because: " + file
        + ":" + (n.getStartMark().getLine() + 1) + ":" + (n.getStartMark().getColumn() + 1) + ": " + why);
  }
}
