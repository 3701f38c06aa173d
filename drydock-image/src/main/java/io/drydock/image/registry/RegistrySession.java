package io.drydock.image.registry;

import io.drydock.model.ErrorKind;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Authorized requests to one registry: pings it once, then answers its challenge — nothing, Basic, or a
 * bearer token per scope (cached until it expires) — and retries once with a fresh token when a request is
 * refused. A second refusal is AUTH, naming whose credentials were refused.
 */
final class RegistrySession {
  private final RegistryHost host;
  private final Http http;
  private final boolean insecure;
  private final CredentialResolver credentials;
  private final TokenCache tokens;
  private final FetchToken fetchToken;
  private volatile @Nullable Endpoint endpoint;

  RegistrySession(RegistryHost host, Http http, boolean insecure, CredentialResolver credentials, TokenCache tokens,
      FetchToken fetchToken) {
    this.host = host;
    this.http = http;
    this.insecure = insecure;
    this.credentials = credentials;
    this.tokens = tokens;
    this.fetchToken = fetchToken;
  }

  RegistryHost host() {
    return host;
  }

  Endpoint endpoint(String action) throws IOException {
    Endpoint e = endpoint;
    if (e == null) {
      synchronized (this) {
        e = endpoint;
        if (e == null) {
          e = new Ping(http).ping(host, insecure, action);
          endpoint = e;
        }
      }
    }
    return e;
  }

  /**
   * Sends a request to {@code pathOrUri} (a path under the endpoint, or an absolute URI on it) with the
   * authorization {@code scope} needs. 401/403 after a fresh attempt become AUTH; everything else is returned
   * for the operation to judge. The caller closes the body.
   */
  HttpResponse<InputStream> send(String method, String pathOrUri, Map<String, String> headers, @Nullable String scope,
      String action) throws IOException {
    return send(method, pathOrUri, headers, scope, action, null, null);
  }

  /**
   * Same, with a request body ({@code body} must be replayable: it is sent again after a refusal or a
   * retryable failure) and its {@code Content-Type}.
   */
  HttpResponse<InputStream> send(String method, String pathOrUri, Map<String, String> headers, @Nullable String scope,
      String action, HttpRequest.@Nullable BodyPublisher body, @Nullable String contentType) throws IOException {
    Endpoint ep = endpoint(action);
    URI uri = ep.resolve(pathOrUri);
    AuthChallenge challenge = ep.challenge();
    String auth = authorization(challenge, scope, action, false);
    HttpResponse<InputStream> response = http.exchange(new Http.Request(method, uri, headers, auth, body, contentType), action);
    if (response.statusCode() == 401) {
      Optional<AuthChallenge> fresh = AuthChallenge.best(response.headers().allValues("WWW-Authenticate"));
      Bodies.discard(response);
      AuthChallenge retryWith = fresh.orElse(challenge != null ? challenge : new AuthChallenge.Basic(null));
      String retryAuth = authorization(retryWith, scope, action, true);
      response = http.exchange(new Http.Request(method, uri, headers, retryAuth, body, contentType), action);
    }
    if (response.statusCode() == 401 || response.statusCode() == 403) {
      int status = response.statusCode();
      Bodies.discard(response);
      throw Http.failure(ErrorKind.AUTH, action, refusal(status));
    }
    return response;
  }

  /** The reason for a refusal, naming who tried (never the secret). */
  private String refusal(int status) throws IOException {
    Optional<Credential> cred = credentials.forRegistry(host.registry());
    if (cred.isEmpty()) {
      return "the registry requires credentials and none were found for " + host.registry() + " in "
          + credentials.configFile() + " (or its credential helpers)";
    }
    return status == 403
        ? "the registry denied access to " + cred.get().describe()
        : "the registry refused the credentials for " + cred.get().describe();
  }

  private @Nullable String authorization(@Nullable AuthChallenge challenge, @Nullable String scope, String action,
      boolean fresh) throws IOException {
    if (challenge == null) {
      return null;
    }
    if (challenge instanceof AuthChallenge.Unsupported u) {
      throw Http.failure(ErrorKind.AUTH, action, "the registry wants " + u.scheme() + " authentication, which drydock does not speak");
    }
    Optional<Credential> cred = credentials.forRegistry(host.registry());
    if (challenge instanceof AuthChallenge.Basic) {
      if (cred.isPresent() && cred.get() instanceof Credential.UserPassword up) {
        return FetchToken.basic(up);
      }
      if (cred.isPresent() && cred.get() instanceof Credential.RegistryToken rt) {
        return "Bearer " + rt.token();
      }
      throw Http.failure(ErrorKind.AUTH, action, refusal(401));
    }
    AuthChallenge.Bearer bearer = (AuthChallenge.Bearer) challenge;
    if (cred.isPresent() && cred.get() instanceof Credential.RegistryToken rt) {
      return "Bearer " + rt.token();
    }
    if (scope == null && bearer.scope() == null) {
      return null; // e.g. the ping itself: nothing to ask a token for
    }
    List<String> scopes = scopes(scope, bearer);
    String key = TokenCache.key(bearer, String.join(" ", scopes));
    if (fresh) {
      tokens.invalidate(key);
    } else {
      Optional<String> cached = tokens.get(key);
      if (cached.isPresent()) {
        return "Bearer " + cached.get();
      }
    }
    FetchToken.Token token = fetchToken.fetch(bearer, scopes, cred.orElse(null), action, refusal(401));
    tokens.put(key, token.value(), token.expiresAt());
    return "Bearer " + token.value();
  }

  /** Our scope plus any the challenge asks for, sorted and without duplicates. */
  static List<String> scopes(@Nullable String ours, AuthChallenge.Bearer challenge) {
    List<String> all = new ArrayList<>();
    if (ours != null) {
      all.addAll(Arrays.asList(ours.trim().split("\\s+")));
    }
    if (challenge.scope() != null) {
      all.addAll(Arrays.asList(challenge.scope().trim().split("\\s+")));
    }
    return all.stream().filter(s -> !s.isBlank()).distinct().sorted().toList();
  }

  static String pullScope(String repository) {
    return "repository:" + repository + ":pull";
  }

  static String pushScope(String repository) {
    return "repository:" + repository + ":pull,push";
  }
}
