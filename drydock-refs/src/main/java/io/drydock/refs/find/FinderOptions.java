package io.drydock.refs.find;

import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How the finder reads what it finds.
 *
 * @param envFiles Compose environment files ({@code --env-file}, later ones win); empty = the {@code .env} beside
 *     each project's first compose file, as Compose does
 * @param composeFiles compose files of one project in {@code -f} order, merged (empty = none given)
 * @param imageFields where custom kinds keep images (kustomize transformer config {@code images:})
 * @param helm renders charts' templates, or null to list them as skipped
 */
public record FinderOptions(List<Path> envFiles, List<Path> composeFiles, List<ImageFieldSpec> imageFields,
    @Nullable HelmRenderer helm) {
  public static final FinderOptions DEFAULTS = new FinderOptions(List.of(), List.of(), List.of(), null);

  public FinderOptions {
    envFiles = List.copyOf(envFiles);
    composeFiles = List.copyOf(composeFiles);
    imageFields = List.copyOf(imageFields);
  }
}
