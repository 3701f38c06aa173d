package io.drydock.refs.find;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The kinds of file the finder reads. */
public enum FileKind {
  DOCKERFILE,
  COMPOSE,
  KUBERNETES,
  HELM_VALUES,
  KUSTOMIZATION,
  /** A YAML file of no known kind by its name: read as Kubernetes or compose by its content. */
  YAML;

  /** The kind a file name suggests, or empty when the finder does not read such files. */
  public static Optional<FileKind> byName(Path file) {
    Path fileName = file.getFileName();
    if (fileName == null) {
      return Optional.empty();
    }
    String name = fileName.toString();
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.equals("dockerfile") || lower.equals("containerfile") || lower.startsWith("dockerfile.")
        || lower.startsWith("containerfile.") || lower.endsWith(".dockerfile") || lower.endsWith(".containerfile")) {
      return Optional.of(DOCKERFILE);
    }
    if (!(lower.endsWith(".yaml") || lower.endsWith(".yml"))) {
      return Optional.empty();
    }
    String stem = lower.substring(0, lower.lastIndexOf('.'));
    if (stem.equals("kustomization")) {
      return Optional.of(KUSTOMIZATION);
    }
    if (stem.equals("compose") || stem.equals("docker-compose") || stem.startsWith("compose.")
        || stem.startsWith("docker-compose.") || stem.startsWith("compose-") || stem.startsWith("docker-compose-")) {
      return Optional.of(COMPOSE);
    }
    if (stem.equals("values") || stem.startsWith("values.") || stem.startsWith("values-") || stem.startsWith("values_")) {
      return Optional.of(HELM_VALUES);
    }
    return Optional.of(YAML);
  }
}
