package io.drydock.model;

/**
 * Classes of failure, each with the process exit code the CLI documents for it. Exit code 1 is kept for
 * "the command worked and found something that policy forbids" ({@code --exit-code}).
 */
public enum ErrorKind {
  /** Wrong flags, arguments or reference syntax. */
  USAGE(2),
  /** Malformed or hostile input: archive, manifest, SBOM, advisory, YAML; digest mismatch. */
  INVALID_INPUT(3),
  /** The image, file, tag or container asked for does not exist. */
  NOT_FOUND(4),
  /** A registry refused the credentials (or there were none and it wants some). */
  AUTH(5),
  /** A registry, engine socket or router socket could not be reached. */
  UNREACHABLE(6),
  /** The vulnerability database is missing or older than allowed. */
  DB(7),
  /** A rollout was aborted or failed; traffic is on the stable side. */
  ROLLOUT_FAILED(8),
  /** Another operation holds the lock (e.g. a rollout of the same service is running). */
  CONFLICT(9),
  /** A patch step failed (build, rescan, push, reference rewrite); nothing was pushed or rewritten. */
  PATCH_FAILED(10),
  /** A bug in drydock. */
  INTERNAL(70);

  private final int exitCode;

  ErrorKind(int exitCode) {
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
