package io.drydock.image.registry;

import io.drydock.model.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.Map;

/** {@code HEAD /v2/<repo>/blobs/<digest>}: whether the repository already has the blob (200 yes, 404 no). */
final class HeadBlob {
  private HeadBlob() {}

  static boolean exists(RegistrySession session, String repository, Digest digest) throws IOException {
    Refs.checkRepository(repository);
    String registry = session.host().registry();
    String action = "check blob " + digest + " in " + registry + "/" + repository;
    HttpResponse<InputStream> r = session.send("HEAD", "/v2/" + repository + "/blobs/" + digest, Map.of(),
        RegistrySession.pullScope(repository), action);
    Bodies.discard(r);
    if (r.statusCode() == 200) {
      return true;
    }
    if (r.statusCode() == 404) {
      return false;
    }
    throw RegistryErrors.of(r.statusCode(), java.util.Optional.empty(), action, "", repository, registry);
  }
}
