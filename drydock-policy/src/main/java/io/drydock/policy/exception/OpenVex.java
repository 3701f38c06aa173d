package io.drydock.policy.exception;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The exceptions as an OpenVEX v0.2.0 document (a JSON tree of maps and lists; the caller serializes it).
 * Products are the image globs (or {@code *}), subcomponents the package globs, as written in the policy.
 */
public final class OpenVex {
  private OpenVex() {}

  public static Map<String, Object> document(List<PolicyExceptionRule> rules, String author, Instant timestamp, String id) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("@context", "https://openvex.dev/ns/v0.2.0");
    doc.put("@id", id);
    doc.put("author", author);
    doc.put("timestamp", timestamp.toString());
    doc.put("version", 1);
    List<Object> statements = new ArrayList<>();
    for (PolicyExceptionRule r : rules) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("vulnerability", Map.of("name", r.vulnerability()));
      List<Object> products = new ArrayList<>();
      List<String> ids = r.images().isEmpty() ? List.of("*") : r.images().stream().map(Object::toString).toList();
      for (String p : ids) {
        Map<String, Object> product = new LinkedHashMap<>();
        product.put("@id", p);
        if (!r.packages().isEmpty()) {
          product.put("subcomponents", r.packages().stream().map(g -> Map.of("@id", g.pattern())).toList());
        }
        products.add(product);
      }
      s.put("products", products);
      s.put("status", r.status().wire());
      if (r.justification() != null) {
        s.put("justification", r.justification().wire());
      }
      if (r.impactStatement() != null) {
        s.put("impact_statement", r.impactStatement());
      }
      s.put("status_notes", "drydock exception " + r.id() + ", owner " + r.owner() + ", expires " + r.expires());
      statements.add(s);
    }
    doc.put("statements", statements);
    return doc;
  }
}
