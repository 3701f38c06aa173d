package io.drydock.policy.filter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drydock.model.DrydockException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Reads OpenVEX documents (https://github.com/openvex/spec): v0.2 ({@code vulnerability: {name, aliases}},
 * {@code products: [{"@id", subcomponents: [{"@id"}]}]}) and the earlier v0.0.x spelling ({@code vulnerability}
 * and {@code products} as strings, {@code subcomponents} on the statement). At most {@link IgnoreFiles#MAX_BYTES}.
 */
public final class OpenVex {
  private OpenVex() {}

  public static List<VexStatement> parse(String text, String name) {
    JsonNode doc;
    try {
      doc = new ObjectMapper().readTree(text);
    } catch (JsonProcessingException e) {
      throw invalid(name, "it is not valid JSON (" + e.getOriginalMessage().replaceAll("\\s+", " ") + ")");
    }
    if (doc == null || !doc.isObject() || !doc.path("statements").isArray()) {
      throw invalid(name, "it has no 'statements' list (is it an OpenVEX document?)");
    }
    List<VexStatement> out = new ArrayList<>();
    int n = 0;
    for (JsonNode s : doc.get("statements")) {
      n++;
      String where = name + "#" + n;
      List<String> vulns = new ArrayList<>();
      JsonNode v = s.path("vulnerability");
      if (v.isTextual()) {
        vulns.add(v.asText());
      } else if (v.isObject()) {
        if (v.hasNonNull("name")) {
          vulns.add(v.get("name").asText());
        }
        if (v.hasNonNull("@id")) {
          vulns.add(v.get("@id").asText());
        }
        v.path("aliases").forEach(a -> vulns.add(a.asText()));
      }
      if (vulns.isEmpty()) {
        throw invalid(where, "the statement names no vulnerability");
      }
      List<String> statementSubs = ids(s.path("subcomponents"));
      List<VexStatement.Product> products = new ArrayList<>();
      for (JsonNode p : s.path("products")) {
        if (p.isTextual()) {
          products.add(new VexStatement.Product(p.asText(), statementSubs));
        } else if (p.isObject() && p.hasNonNull("@id")) {
          List<String> subs = new ArrayList<>(ids(p.path("subcomponents")));
          subs.addAll(statementSubs);
          products.add(new VexStatement.Product(p.get("@id").asText(), subs));
        }
      }
      if (products.isEmpty()) {
        throw invalid(where, "the statement names no product");
      }
      VexStatement.Status status;
      try {
        status = VexStatement.Status.valueOf(s.path("status").asText().strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw invalid(where, "status '" + s.path("status").asText() + "' is not one of not_affected, affected, fixed, under_investigation");
      }
      out.add(new VexStatement(vulns, products, status, text(s, "justification"), text(s, "impact_statement"), where));
    }
    return out;
  }

  private static List<String> ids(JsonNode array) {
    List<String> out = new ArrayList<>();
    for (JsonNode n : array) {
      if (n.isTextual()) {
        out.add(n.asText());
      } else if (n.hasNonNull("@id")) {
        out.add(n.get("@id").asText());
      }
    }
    return out;
  }

  private static @Nullable String text(JsonNode n, String field) {
    return n.hasNonNull(field) ? n.get(field).asText() : null;
  }

  private static DrydockException invalid(String where, String why) {
    return DrydockException.invalidInput("Tried to read the VEX document " + where + " but failed because: " + why);
  }
}
