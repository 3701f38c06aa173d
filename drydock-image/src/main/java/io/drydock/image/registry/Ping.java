package io.drydock.image.registry;

import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * {@code GET /v2/}: finds which scheme the registry speaks (HTTPS, then HTTP for loopback or insecure hosts)
 * and which authentication it wants.
 */
final class Ping {
  private final Http http;

  Ping(Http http) {
    this.http = http;
  }

  Endpoint ping(RegistryHost host, boolean insecure, String action) throws IOException {
    DrydockException last = null;
    for (String scheme : host.schemes(insecure)) {
      URI base = URI.create(scheme + "://" + host.apiAuthority() + "/");
      HttpResponse<InputStream> response;
      try {
        response = http.exchange(Http.Request.get(base.resolve("/v2/"), Map.of(), null), action);
      } catch (DrydockException e) {
        if (e.kind() != ErrorKind.UNREACHABLE) {
          throw e;
        }
        last = e;
        continue;
      }
      int status = response.statusCode();
      if (status == 401) {
        AuthChallenge challenge = AuthChallenge.best(response.headers().allValues("WWW-Authenticate"))
            .orElse(new AuthChallenge.Basic(null));
        Bodies.discard(response);
        return new Endpoint(base, challenge);
      }
      Bodies.discard(response);
      if (status >= 200 && status < 300) {
        return new Endpoint(base, null);
      }
      if (status >= 500 || status == 429) {
        throw Http.failure(ErrorKind.UNREACHABLE, action, host.registry() + " answered HTTP " + status + " on /v2/");
      }
      throw Http.failure(ErrorKind.INVALID_INPUT, action, host.registry() + " does not serve the registry API (HTTP "
          + status + " on /v2/)");
    }
    throw last != null ? last : Http.failure(ErrorKind.UNREACHABLE, action, "no transport to " + host.registry());
  }
}
