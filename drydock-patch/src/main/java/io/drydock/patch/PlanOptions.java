package io.drydock.patch;

import io.drydock.model.ImageRef;
import io.drydock.model.Severity;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What is planned and which remedies are allowed.
 *
 * @param subject what the plan is for, as the user named it (an image, a Dockerfile, a service file)
 * @param source the image the plan replaces (the built image, or the image a service runs)
 * @param currentBase the base image the subject is built on, when known (the Dockerfile's final {@code FROM})
 * @param rebuild whether a base bump may be planned (a Dockerfile to rebuild exists)
 * @param inPlace whether in-place OS package upgrades may be planned
 * @param minSeverity findings below it are not targeted (left alone, not counted as left)
 * @param only when not empty, only these finding ids are targeted (the policy's SLAs choose them)
 * @param baseFindings the finding ids the current base image has (its own scan), when the findings are of an image
 *     built on it: a base bump can only remove those; empty when the findings are the base's own
 */
public record PlanOptions(String subject, ImageRef source, @Nullable ImageRef currentBase, boolean rebuild,
    boolean inPlace, Severity minSeverity, Set<String> only, Optional<Set<String>> baseFindings) {
  public PlanOptions {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(minSeverity, "minSeverity");
    only = Set.copyOf(only);
    baseFindings = baseFindings.map(Set::copyOf);
  }

  /** Every remedy allowed for every fixable finding of any severity. */
  public static PlanOptions all(String subject, ImageRef source, @Nullable ImageRef currentBase) {
    return new PlanOptions(subject, source, currentBase, currentBase != null, true, Severity.UNKNOWN, Set.of(),
        Optional.empty());
  }
}
