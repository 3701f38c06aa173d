package io.drydock.store;

import io.drydock.model.Finding;
import io.drydock.model.Severity;
import java.util.List;

/** A finding of a stored image, as kept between rescans (the fields a diff and {@code affected} need). */
public record StoredFinding(String id, String packageName, String version, Severity severity,
    List<String> fixedVersions, List<String> aliases) {
  public StoredFinding {
    fixedVersions = List.copyOf(fixedVersions);
    aliases = List.copyOf(aliases);
  }

  public static StoredFinding of(Finding f) {
    return new StoredFinding(f.id(), f.pkg().name(), f.pkg().version(), f.severity(), f.fixedVersions(), f.aliases());
  }

  /** Identity across rescans: the same vulnerability in the same package version. */
  public Key key() {
    return new Key(id, packageName, version);
  }

  public record Key(String id, String packageName, String version) {}
}
