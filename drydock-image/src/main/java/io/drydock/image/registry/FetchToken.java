package io.drydock.image.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drydock.model.ErrorKind;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Gets a bearer token from the realm of a {@code Bearer} challenge (Docker token auth): {@code GET realm?service=…&scope=…}
 * with Basic credentials when there are some, or the OAuth2 refresh-token {@code POST} for an identity token.
 */
final class FetchToken {
  private static final long MAX_TOKEN_RESPONSE = 1024 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration SLACK = Duration.ofSeconds(5);
  private final Http http;
  private final Clock clock;

  record Token(String value, Instant expiresAt) {
    @Override
    public String toString() {
      return "Token[expiresAt=" + expiresAt + "]";
    }
  }

  FetchToken(Http http, Clock clock) {
    this.http = http;
    this.clock = clock;
  }

  /**
   * @param refused the reason to give when the realm answers 401/403 (names the user, never the secret)
   */
  Token fetch(AuthChallenge.Bearer challenge, List<String> scopes, @Nullable Credential credential, String action,
      String refused) throws IOException {
    URI realm;
    try {
      realm = URI.create(challenge.realm());
    } catch (IllegalArgumentException e) {
      throw Http.failure(ErrorKind.INVALID_INPUT, action, "the registry named a malformed token realm");
    }
    if (realm.getScheme() == null || realm.getHost() == null) {
      throw Http.failure(ErrorKind.INVALID_INPUT, action, "the registry named a token realm without scheme or host");
    }
    Http.Request request;
    if (credential instanceof Credential.IdentityToken id) {
      StringBuilder form = new StringBuilder("grant_type=refresh_token&client_id=drydock&refresh_token=")
          .append(enc(id.token()));
      if (challenge.service() != null) {
        form.append("&service=").append(enc(challenge.service()));
      }
      if (!scopes.isEmpty()) {
        form.append("&scope=").append(enc(String.join(" ", scopes)));
      }
      request = new Http.Request("POST", realm, Map.of(), null,
          HttpRequest.BodyPublishers.ofString(form.toString()), "application/x-www-form-urlencoded");
    } else {
      StringBuilder query = new StringBuilder();
      if (challenge.service() != null) {
        query.append("service=").append(enc(challenge.service()));
      }
      for (String scope : scopes) {
        query.append(query.length() == 0 ? "" : "&").append("scope=").append(enc(scope));
      }
      String base = challenge.realm();
      URI uri = URI.create(query.length() == 0 ? base : base + (base.contains("?") ? "&" : "?") + query);
      String auth = credential instanceof Credential.UserPassword up ? basic(up) : null;
      request = Http.Request.get(uri, Map.of("Accept", "application/json"), auth);
    }
    HttpResponse<InputStream> response = http.exchange(request, action);
    int status = response.statusCode();
    if (status == 401 || status == 403) {
      Bodies.discard(response);
      throw Http.failure(ErrorKind.AUTH, action, refused);
    }
    if (status != 200) {
      Bodies.discard(response);
      throw Http.failure(status >= 500 || status == 429 ? ErrorKind.UNREACHABLE : ErrorKind.INVALID_INPUT, action,
          "the token service " + realm.getHost() + " answered HTTP " + status);
    }
    byte[] body = Bodies.readCapped(response, MAX_TOKEN_RESPONSE, action, "token response");
    return parse(body, action, clock.instant());
  }

  static Token parse(byte[] body, String action, Instant now) {
    JsonNode node;
    try {
      node = JSON.readTree(body);
    } catch (IOException e) {
      throw Http.failure(ErrorKind.INVALID_INPUT, action, "the token service answered something that is not JSON");
    }
    if (node == null || !node.isObject()) {
      throw Http.failure(ErrorKind.INVALID_INPUT, action, "the token service answered something that is not a JSON object");
    }
    String token = node.path("token").asText("");
    if (token.isEmpty()) {
      token = node.path("access_token").asText("");
    }
    if (token.isEmpty()) {
      throw Http.failure(ErrorKind.INVALID_INPUT, action, "the token service answered without a token");
    }
    long expiresIn = node.path("expires_in").canConvertToLong() ? node.path("expires_in").asLong() : 60;
    Duration life = Duration.ofSeconds(Math.max(60, Math.min(expiresIn, 24 * 3600)));
    return new Token(token, now.plus(life).minus(SLACK));
  }

  static String basic(Credential.UserPassword up) {
    return "Basic " + Base64.getEncoder().encodeToString((up.username() + ":" + up.password()).getBytes(StandardCharsets.UTF_8));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
