package io.drydock.image.registry;

import io.drydock.model.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * {@code GET /v2/<repo>/blobs/<digest>}, streamed. Redirects (typically to object storage on another host) are
 * followed without forwarding the registry's Authorization. The stream is not verified here: the resolver
 * checks the digest while it reads.
 */
final class FetchBlob {
  private FetchBlob() {}

  static InputStream open(RegistrySession session, String repository, Digest digest) throws IOException {
    Refs.checkRepository(repository);
    String registry = session.host().registry();
    String action = "pull blob " + digest + " of " + registry + "/" + repository;
    HttpResponse<InputStream> response = session.send("GET", "/v2/" + repository + "/blobs/" + digest,
        Map.of(), RegistrySession.pullScope(repository), action);
    if (response.statusCode() != 200) {
      throw RegistryErrors.of(response, action, "repository " + repository + " on " + registry + " has no blob " + digest,
          repository, registry);
    }
    return response.body();
  }
}
