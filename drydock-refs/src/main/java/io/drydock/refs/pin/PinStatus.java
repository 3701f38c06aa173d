package io.drydock.refs.pin;

/** What pinning found for one reference. */
public enum PinStatus {
  /** Pinned, and the digest is what its tag points at. */
  PINNED,
  /** Pinned by digest with no tag to check it against. */
  DIGEST_ONLY,
  /** Not pinned: gets the digest. */
  UNPINNED,
  /** Pinned, but its tag now points at another digest: gets the new one. */
  STALE,
  /** Cannot be pinned here (built from variables, unreadable, …). */
  NOT_PINNABLE,
  /** Not pulled from a registry (a compose service builds it; a kustomize entry only renames): skipped, with a note. */
  NOT_PULLED
}
