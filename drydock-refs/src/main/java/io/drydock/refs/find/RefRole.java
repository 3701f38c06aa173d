package io.drydock.refs.find;

/** What a found reference stands for. */
public enum RefRole {
  /** An image pulled from a registry: linted, pinned, checked for newer tags. */
  PULLED,
  /** The name a compose service's {@code build:} gives the image it builds: nothing to pull or pin. */
  BUILT_LOCALLY,
  /**
   * A kustomization {@code images:} entry with only {@code newName} or {@code tagSuffix}: it renames the image of
   * the resources and keeps their tag, which is checked (and pinned) where the resources write it.
   */
  KEEPS_RESOURCE_TAG
}
