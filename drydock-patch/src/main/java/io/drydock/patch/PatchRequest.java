package io.drydock.patch;

import io.drydock.model.ImageRef;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What to patch and where the result goes.
 *
 * @param plan the plan to apply (from {@link PatchPlanner})
 * @param destination the repository the patched image is pushed to; its tag, when given, is the one the
 *     {@link TagTemplate} derives from (else the source's tag)
 * @param tags how the immutable tag is made
 * @param dryRun build and push nothing; the result only says what would be done
 * @param mode rebuild from a Dockerfile, or patch the image in place
 */
public record PatchRequest(PatchPlan plan, ImageRef destination, TagTemplate tags, boolean dryRun, Mode mode) {
  public PatchRequest {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(tags, "tags");
    Objects.requireNonNull(mode, "mode");
  }

  /** How the patched image is produced. */
  public sealed interface Mode permits Rebuild, InPlace {}

  /**
   * Rewrite the Dockerfile's base and build it.
   *
   * @param dockerfile the Dockerfile
   * @param context the build context directory
   * @param buildArgs {@code --build-arg}s on top of the Dockerfile's own {@code ARG} defaults
   * @param target the stage to build, or null for the last
   */
  public record Rebuild(Path dockerfile, Path context, Map<String, String> buildArgs, @Nullable String target)
      implements Mode {
    public Rebuild {
      Objects.requireNonNull(dockerfile, "dockerfile");
      Objects.requireNonNull(context, "context");
      buildArgs = Map.copyOf(buildArgs);
    }
  }

  /**
   * Upgrade OS packages in the image's root filesystem and append one layer.
   *
   * @param repositories package repositories to use on top of the image's own sources
   */
  public record InPlace(List<String> repositories) implements Mode {
    public InPlace {
      repositories = List.copyOf(repositories);
    }
  }
}
