package io.drydock.image.registry;

import io.drydock.model.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Cross-repository mount: {@code POST /v2/<repo>/blobs/uploads/?mount=<digest>&from=<other>}. 201 = mounted;
 * 202 = the registry would not (other repository unknown, no access, or mounting off): it opened an upload
 * session instead, which is cancelled, and the caller uploads.
 */
final class MountBlob {
  private MountBlob() {}

  static boolean mount(RegistrySession session, String repository, Digest digest, String from) throws IOException {
    Refs.checkRepository(repository);
    Refs.checkRepository(from);
    String registry = session.host().registry();
    String action = "mount blob " + digest + " from " + registry + "/" + from + " into " + repository;
    String path = "/v2/" + repository + "/blobs/uploads/?mount=" + URLEncoder.encode(digest.toString(), StandardCharsets.UTF_8)
        + "&from=" + URLEncoder.encode(from, StandardCharsets.UTF_8);
    HttpResponse<InputStream> r = session.send("POST", path, Map.of(),
        RegistrySession.pushScope(repository) + " " + RegistrySession.pullScope(from), action,
        HttpRequest.BodyPublishers.noBody(), null);
    if (r.statusCode() == 201) {
      Bodies.discard(r);
      UploadBlob.checkDigest(r, digest, action);
      return true;
    }
    if (r.statusCode() == 202) {
      Bodies.discard(r);
      cancel(session, repository, r.headers().firstValue("Location").orElse(null), action);
      return false;
    }
    throw RegistryErrors.of(r, action, "repository " + repository + " not found", repository, registry);
  }

  private static void cancel(RegistrySession session, String repository, @org.jspecify.annotations.Nullable String location,
      String action) {
    if (location == null || location.isBlank()) {
      return;
    }
    try {
      Bodies.discard(session.send("DELETE", location, Map.of(), RegistrySession.pushScope(repository), action));
    } catch (IOException | RuntimeException e) {
      // an abandoned session expires on the registry side; the upload that follows opens its own
    }
  }
}
