package io.drydock.model;

import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A registry image reference, normalised as Docker does: {@code alpine} is
 * {@code docker.io/library/alpine:latest}. Either tag or digest (or both) may be present; with neither, the
 * tag {@code latest} is implied by {@link #tagOrLatest()}.
 */
public record ImageRef(String registry, String repository, @Nullable String tag, @Nullable Digest digest) {
  public static final String DOCKER_HUB = "docker.io";
  private static final Pattern REPO_COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
  private static final Pattern REGISTRY = Pattern.compile("[A-Za-z0-9.-]+(?::[0-9]+)?|\\[[0-9a-fA-F:]+\\](?::[0-9]+)?");

  public ImageRef {
    if (!REGISTRY.matcher(registry).matches()) {
      throw new IllegalArgumentException("malformed registry host '" + registry + "'");
    }
    for (String component : repository.split("/", -1)) {
      if (!REPO_COMPONENT.matcher(component).matches()) {
        throw new IllegalArgumentException("malformed repository '" + repository + "': component '" + component
            + "' must be lower-case letters, digits and separators");
      }
    }
    if (tag != null && !TAG.matcher(tag).matches()) {
      throw new IllegalArgumentException("malformed tag '" + tag + "'");
    }
  }

  /** Parses a reference such as {@code nginx}, {@code ghcr.io/o/r:1.2}, {@code r@sha256:…}. */
  public static ImageRef parse(String text) {
    String rest = text.trim();
    if (rest.isEmpty()) {
      throw new IllegalArgumentException("empty image reference");
    }
    Digest digest = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = Digest.parse(rest.substring(at + 1));
      rest = rest.substring(0, at);
    }
    String tag = null;
    int lastSlash = rest.lastIndexOf('/');
    int colon = rest.lastIndexOf(':');
    if (colon > lastSlash) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
    }
    String registry = DOCKER_HUB;
    int firstSlash = rest.indexOf('/');
    if (firstSlash > 0) {
      String first = rest.substring(0, firstSlash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost") || !first.equals(first.toLowerCase(Locale.ROOT))) {
        registry = first;
        rest = rest.substring(firstSlash + 1);
      }
    }
    if (registry.equals("index.docker.io") || registry.equals("registry-1.docker.io")) {
      registry = DOCKER_HUB;
    }
    if (registry.equals(DOCKER_HUB) && !rest.contains("/")) {
      rest = "library/" + rest;
    }
    try {
      return new ImageRef(registry, rest, tag, digest);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("malformed image reference '" + text + "': " + e.getMessage(), e);
    }
  }

  public String tagOrLatest() {
    return tag == null ? "latest" : tag;
  }

  /** What to ask the registry for: the digest when pinned, else the tag. */
  public String reference() {
    return digest != null ? digest.toString() : tagOrLatest();
  }

  public ImageRef withDigest(@Nullable Digest newDigest) {
    return new ImageRef(registry, repository, tag, newDigest);
  }

  public ImageRef withTag(@Nullable String newTag) {
    return new ImageRef(registry, repository, newTag, digest);
  }

  /** Canonical form: {@code registry/repository[:tag][@digest]}. */
  @Override
  public String toString() {
    return registry + "/" + repository + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
  }

  /** The short form people write: {@code alpine:3.20} instead of {@code docker.io/library/alpine:3.20}. */
  public String familiar() {
    String repo = registry.equals(DOCKER_HUB)
        ? (repository.startsWith("library/") ? repository.substring(8) : repository)
        : registry + "/" + repository;
    return repo + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
  }
}
