package io.drydock.image.registry;

import io.drydock.model.Digest;
import io.drydock.model.DrydockException;
import java.util.Optional;
import java.util.regex.Pattern;

/** Validation and display of what goes into registry URLs, so that no input can change the path. Pure. */
final class Refs {
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
  private static final Pattern REPO = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");

  private Refs() {}

  /** The digest when {@code reference} is one, empty for a tag; USAGE when it is neither. */
  static Optional<Digest> digestOrTag(String reference) {
    if (reference.contains(":")) {
      try {
        return Optional.of(Digest.parse(reference));
      } catch (IllegalArgumentException e) {
        throw DrydockException.usage("Tried to use reference '" + reference + "' but failed because: " + e.getMessage());
      }
    }
    if (!TAG.matcher(reference).matches()) {
      throw DrydockException.usage("Tried to use reference '" + reference + "' but failed because: it is neither a tag nor a digest");
    }
    return Optional.empty();
  }

  static String checkRepository(String repository) {
    if (!REPO.matcher(repository).matches()) {
      throw DrydockException.usage("Tried to use repository '" + repository + "' but failed because: it is not a valid repository name");
    }
    return repository;
  }

  /** {@code host/repo:tag} or {@code host/repo@sha256:…}, as messages name an image. */
  static String display(String registry, String repository, String reference) {
    return registry + "/" + repository + (reference.contains(":") ? "@" : ":") + reference;
  }
}
