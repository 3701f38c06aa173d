package io.drydock.refs.find;

import io.drydock.model.DrydockException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
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

/** SnakeYAML node helpers shared by the YAML readers: bounded parsing, merge-key lookups, YAML's nulls. */
final class YamlNodes {
  /**
   * Aliases to collections allowed per file. Real compose files use many ({@code <<: *defaults} in every service:
   * getsentry/self-hosted has 145); every walk visits a node once, so aliases cost no expansion.
   */
  static final int MAX_ALIASES = 2000;

  private YamlNodes() {}

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

  static String oneLine(String s) {
    return s.replaceAll("\\s+", " ").strip();
  }

  static boolean isReset(Node n) {
    return n.getTag() != null && "!reset".equals(n.getTag().getValue());
  }

  static boolean empty(ScalarNode n) {
    String v = n.getValue();
    return v.isEmpty() || (n.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN && (v.equals("~") || v.equals("null")));
  }

  /** The value of {@code key}, looking into merge keys ({@code <<: *base}) when the mapping lacks it. */
  static @Nullable Node get(MappingNode m, String key) {
    for (NodeTuple t : m.getValue()) {
      if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("<<")) {
        return get(m, key, 0, Collections.newSetFromMap(new IdentityHashMap<>()));
      }
    }
    return get(m, key, 0, Set.of());
  }

  static @Nullable Node get(MappingNode m, String key, int depth, Set<Node> visited) {
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

  static @Nullable Node path(MappingNode m, String... keys) {
    Node n = m;
    for (String k : keys) {
      if (!(n instanceof MappingNode mn)) {
        return null;
      }
      n = get(mn, k);
    }
    return n;
  }
}
