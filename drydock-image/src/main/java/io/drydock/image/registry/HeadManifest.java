package io.drydock.image.registry;

import io.drydock.model.Digest;
import io.drydock.model.ErrorKind;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;

/**
 * {@code HEAD /v2/<repo>/manifests/<ref>}: the digest a tag points at (for pinning) without downloading the
 * manifest, and whether a manifest exists. Falls back to a GET when the registry sends no digest header.
 */
final class HeadManifest {
  private static final long FALLBACK_MAX = 4L * 1024 * 1024;

  private HeadManifest() {}

  /** The digest, or empty when the registry says 404. */
  static Optional<Digest> head(RegistrySession session, String repository, String reference, String verb) throws IOException {
    Refs.checkRepository(repository);
    Refs.digestOrTag(reference);
    String registry = session.host().registry();
    String action = verb + " " + Refs.display(registry, repository, reference);
    HttpResponse<InputStream> response = session.send("HEAD", "/v2/" + repository + "/manifests/" + reference,
        Map.of("Accept", FetchManifest.ACCEPT), RegistrySession.pullScope(repository), action);
    int status = response.statusCode();
    Optional<String> header = response.headers().firstValue("Docker-Content-Digest");
    Bodies.discard(response);
    if (status == 404) {
      return Optional.empty();
    }
    if (status != 200) {
      throw RegistryErrors.of(status, Optional.empty(), action, "", repository, registry);
    }
    if (header.isPresent() && !header.get().isBlank()) {
      try {
        return Optional.of(Digest.parse(header.get().trim()));
      } catch (IllegalArgumentException e) {
        throw Http.failure(ErrorKind.INVALID_INPUT, action, "the registry sent a malformed Docker-Content-Digest");
      }
    }
    return Optional.of(FetchManifest.fetch(session, repository, reference, FALLBACK_MAX).digest());
  }
}
