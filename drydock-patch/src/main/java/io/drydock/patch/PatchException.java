package io.drydock.patch;

import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import java.util.Locale;
import java.util.Objects;

/**
 * A patch failed at one step. Nothing was pushed and no reference rewritten. The message starts with the step:
 * {@code patch failed at build: Tried to build … but failed because: …}.
 */
public final class PatchException extends DrydockException {
  private static final long serialVersionUID = 1L;
  private final Step step;

  public PatchException(Step step, ErrorKind kind, String message, Throwable cause) {
    super(kind, prefix(step) + message, cause);
    this.step = Objects.requireNonNull(step);
  }

  public PatchException(Step step, ErrorKind kind, String message) {
    super(kind, prefix(step) + message);
    this.step = Objects.requireNonNull(step);
  }

  /** A step failure with the patch exit code ({@link ErrorKind#PATCH_FAILED}). */
  public static PatchException failed(Step step, String message, Throwable cause) {
    return new PatchException(step, ErrorKind.PATCH_FAILED, message, cause);
  }

  public static PatchException failed(Step step, String message) {
    return new PatchException(step, ErrorKind.PATCH_FAILED, message);
  }

  public Step step() {
    return step;
  }

  private static String prefix(Step step) {
    return "patch failed at " + step.name().toLowerCase(Locale.ROOT) + ": ";
  }

  /** The steps of a patch, in order. */
  public enum Step {
    /** Reading the input, scanning the current image, choosing remedies. */
    PLAN,
    /** Rewriting the Dockerfile's base (in memory). */
    REWRITE,
    /** Building the image, or patching its root filesystem. */
    BUILD,
    /** Rescanning the result and checking it fixes what it should. */
    SCAN,
    /** Listing the registry's tags and choosing the immutable tag. */
    TAG,
    /** Pushing the image. */
    PUSH,
    /** Rewriting references in files. */
    REFS,
    /** Committing the rewritten references. */
    GIT,
    /** Recording the patch in the ledger. */
    LEDGER
  }
}
