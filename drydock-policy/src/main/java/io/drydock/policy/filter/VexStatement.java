package io.drydock.policy.filter;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One OpenVEX statement: a vulnerability, the products it speaks about (each with optional subcomponents) and a
 * status. {@code not_affected} and {@code fixed} suppress the finding; {@code affected} and
 * {@code under_investigation} keep it.
 *
 * @param vulnerabilities the statement's vulnerability name and its aliases
 * @param source {@code FILE#N} (the N-th statement, from 1)
 */
public record VexStatement(
    List<String> vulnerabilities,
    List<Product> products,
    Status status,
    @Nullable String justification,
    @Nullable String impactStatement,
    String source) {

  public VexStatement {
    if (vulnerabilities.isEmpty()) {
      throw new IllegalArgumentException("VEX statement without a vulnerability");
    }
    vulnerabilities = List.copyOf(vulnerabilities);
    products = List.copyOf(products);
  }

  /** A product ({@code @id}: a purl or an image reference) and the subcomponents (purls) the statement is about. */
  public record Product(String id, List<String> subcomponents) {
    public Product {
      subcomponents = List.copyOf(subcomponents);
    }
  }

  /** OpenVEX statuses. */
  public enum Status {
    NOT_AFFECTED,
    AFFECTED,
    FIXED,
    UNDER_INVESTIGATION;

    public boolean suppresses() {
      return this == NOT_AFFECTED || this == FIXED;
    }

    public String spelling() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
