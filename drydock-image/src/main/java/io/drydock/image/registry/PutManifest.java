package io.drydock.image.registry;

import io.drydock.model.Digest;
import io.drydock.model.ErrorKind;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;

/**
 * {@code PUT /v2/<repo>/manifests/<tag|digest>} with the manifest's media type. The digest is that of the
 * bytes sent; the registry's {@code Docker-Content-Digest} must agree. Its {@code OCI-Subject} header says
 * whether it indexed the manifest's {@code subject} for the referrers API.
 */
final class PutManifest {
  /** What the registry answered. */
  record Result(Digest digest, boolean subjectIndexed) {}

  private PutManifest() {}

  static Result put(RegistrySession session, String repository, String reference, String mediaType, byte[] bytes)
      throws IOException {
    Refs.checkRepository(repository);
    Refs.digestOrTag(reference);
    String registry = session.host().registry();
    String action = "push manifest " + Refs.display(registry, repository, reference);
    Digest digest = Digest.sha256(bytes);
    if (reference.contains(":") && !reference.equals(digest.toString())) {
      throw Http.failure(ErrorKind.USAGE, action, "the manifest's digest is " + digest);
    }
    HttpResponse<InputStream> r = session.send("PUT", "/v2/" + repository + "/manifests/" + reference, Map.of(),
        RegistrySession.pushScope(repository), action, HttpRequest.BodyPublishers.ofByteArray(bytes), mediaType);
    if (r.statusCode() != 201 && r.statusCode() != 200) {
      throw RegistryErrors.of(r, action, "repository " + repository + " not found", repository, registry);
    }
    Bodies.discard(r);
    Optional<String> header = r.headers().firstValue("Docker-Content-Digest");
    if (header.isPresent() && !header.get().isBlank() && !header.get().trim().equals(digest.toString())) {
      throw Http.failure(ErrorKind.INVALID_INPUT, action, "the registry stored the manifest as " + header.get().trim()
          + " but the bytes sent have digest " + digest);
    }
    return new Result(digest, r.headers().firstValue("OCI-Subject").isPresent());
  }
}
