package io.drydock.refs.find;

import java.util.List;

/**
 * The variables a reference's text depends on (Compose interpolation, Dockerfile {@code ARG}s): the reference as
 * written in the file and, for each variable, where its value came from.
 *
 * @param expression the text in the file ({@code ghcr.io/acme/app:${TAG:-1.4}})
 * @param used each variable in order of appearance
 */
public record Variables(String expression, List<Variable> used) {
  public Variables {
    used = List.copyOf(used);
  }

  /** Where a variable's value came from. */
  public enum Source {
    /** Set in the environment file ({@code .env}, {@code --env-file}). */
    ENV_FILE,
    /** Not set (or empty for {@code :-}): the default written in the expression was used. */
    DEFAULT,
    /** Not set and no default: replaced by the empty string, as Compose does (with a warning). */
    UNSET
  }

  /** One variable. */
  public record Variable(String name, Source source) {}

  /** {@code TAG=default, REGISTRY=.env} for notes. */
  public String describe() {
    StringBuilder b = new StringBuilder();
    for (Variable v : used) {
      if (!b.isEmpty()) {
        b.append(", ");
      }
      b.append('$').append(v.name()).append(switch (v.source()) {
        case ENV_FILE -> " from env file";
        case DEFAULT -> " unset, default used";
        case UNSET -> " unset";
      });
    }
    return b.toString();
  }
}
