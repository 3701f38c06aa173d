package io.drydock.policy.file;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.drydock.policy.rules.RuleSet;
import java.io.IOException;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Parses {@code drydock-policy.yaml} (schema {@value #SCHEMA}). Every problem is one
 * {@link PolicyFileException}: {@code file:line:col: rule ID: message}; unknown keys and duplicate keys are
 * rejected. Reading the file is the caller's (the decide packages do no I/O).
 */
public final class PolicyFile {
  public static final String SCHEMA = "drydock.policy/v1";
  public static final String DEFAULT_NAME = "drydock-policy.yaml";

  private static final YAMLFactory YAML = YAMLFactory.builder().enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final ObjectMapper MAPPER = com.fasterxml.jackson.dataformat.yaml.YAMLMapper.builder(YAML)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .disable(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS)
      .build();

  private PolicyFile() {}

  /** Parses policy text; {@code name} is used in messages. */
  public static RuleSet parse(String name, String text) {
    JsonNode tree;
    Locations where;
    try {
      tree = MAPPER.readTree(text);
      where = Locations.of(YAML, text);
    } catch (JsonProcessingException e) {
      throw located(name, e, null, null);
    } catch (IOException e) {
      throw new PolicyFileException(name, 1, 1, null, String.valueOf(e.getMessage()));
    }
    if (tree == null || !tree.isObject()) {
      throw new PolicyFileException(name, 1, 1, null, "a policy is a YAML mapping starting with 'schema: " + SCHEMA + "'");
    }
    PolicyDoc doc;
    try {
      doc = MAPPER.treeToValue(tree, PolicyDoc.class);
    } catch (JsonProcessingException e) {
      throw located(name, e, tree, where);
    }
    return new PolicyCompiler(name, text, where).compile(doc);
  }

  private static PolicyFileException located(String name, JsonProcessingException e, @Nullable JsonNode tree, @Nullable Locations where) {
    String pointer = "";
    String rule = null;
    if (e instanceof JsonMappingException m) {
      StringBuilder p = new StringBuilder();
      for (JsonMappingException.Reference r : m.getPath()) {
        p.append('/').append(r.getFieldName() != null ? r.getFieldName() : String.valueOf(r.getIndex()));
      }
      pointer = p.toString();
      if (tree != null && m.getPath().size() >= 2 && "rules".equals(m.getPath().get(0).getFieldName())) {
        JsonNode id = tree.path("rules").path(m.getPath().get(1).getIndex()).path("id");
        rule = id.isTextual() ? id.asText() : "#" + (m.getPath().get(1).getIndex() + 1);
      }
    }
    String msg;
    if (e instanceof UnrecognizedPropertyException u) {
      msg = "unknown key '" + u.getPropertyName() + "'" + (u.getKnownPropertyIds() == null ? "" : " (known: "
          + u.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")) + ")");
    } else {
      msg = clean(e.getOriginalMessage());
      if (!pointer.isEmpty()) {
        msg = pointer.substring(1).replace('/', '.') + ": " + msg;
      }
    }
    int line = 1;
    int col = 1;
    if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException y && y.getProblemMark() != null) {
      return new PolicyFileException(name, y.getProblemMark().getLine() + 1, y.getProblemMark().getColumn() + 1, rule,
          "malformed YAML: " + y.getProblem() + (y.getContext() == null ? "" : " (" + y.getContext() + ")"));
    }
    if (where != null && !pointer.isEmpty()) {
      Locations.Pos pos = where.at(pointer);
      line = pos.line();
      col = pos.column();
    } else if (e.getLocation() != null && e.getLocation().getLineNr() > 0) {
      line = e.getLocation().getLineNr();
      col = Math.max(1, e.getLocation().getColumnNr());
    }
    return new PolicyFileException(name, line, col, rule, msg);
  }

  /** Jackson's messages without Java type names and without the source excerpt. */
  static String clean(@Nullable String message) {
    if (message == null) {
      return "malformed YAML";
    }
    String m = message.lines().findFirst().orElse(message);
    m = m.replaceAll("`java\\.lang\\.(\\w+)`", "$1").replaceAll("`java\\.util\\.(\\w+)(<[^`]*>)?`", "$1")
        .replaceAll("`io\\.drydock\\.policy\\.file\\.PolicyDoc\\$(\\w+)Doc`", "$1").replaceAll("`[\\w.$]+\\.(\\w+)`", "$1");
    m = m.replace("Integer", "integer").replace("Boolean", "boolean").replace("String", "string");
    m = m.replace(" (but might if coercion using `CoercionConfig` was enabled)", "");
    return m.replaceAll(" \\(?through reference chain.*$", "").replaceAll(" at \\[Source.*$", "");
  }
}
