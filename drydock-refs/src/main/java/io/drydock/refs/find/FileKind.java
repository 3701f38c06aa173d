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

  /** The files Compose reads with no {@code -f}, in its order of preference. */
  static final java.util.List<String> COMPOSE_DEFAULTS = java.util.List.of("compose.yaml", "compose.yml",
      "docker-compose.yml", "docker-compose.yaml");
  /** The override file Compose adds to a default file, in its order of preference. */
  static final java.util.List<String> COMPOSE_OVERRIDES = java.util.List.of("compose.override.yml",
      "compose.override.yaml", "docker-compose.override.yml", "docker-compose.override.yaml");

  /** The kind a file name suggests, or empty when the finder does not read such files. */
  public static Optional<FileKind> byName(Path file) {
    Path fileName = file.getFileName();
    if (fileName == null) {
      return Optional.empty();
    }
    String name = fileName.toString();
    String lower = name.toLowerCase(Locale.ROOT);
    if (isDockerfileName(lower)) {
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

  /**
   * {@code Dockerfile}, {@code Containerfile}, {@code Dockerfile.x}, {@code Dockerfile-x}, {@code x.Dockerfile} (and
   * the same for Containerfile), but not BuildKit's per-Dockerfile ignore files ({@code Dockerfile.dockerignore}) nor
   * documents about them ({@code Dockerfile-guide.md}).
   */
  private static boolean isDockerfileName(String lower) {
    if (lower.endsWith(".dockerignore") || lower.endsWith(".md") || lower.endsWith(".txt")) {
      return false;
    }
    for (String base : new String[] {"dockerfile", "containerfile"}) {
      if (lower.equals(base) || lower.startsWith(base + ".") || lower.startsWith(base + "-")
          || lower.startsWith(base + "_") || lower.endsWith("." + base)) {
        return true;
      }
    }
    return false;
  }
}
