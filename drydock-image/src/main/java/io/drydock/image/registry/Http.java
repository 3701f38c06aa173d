package io.drydock.image.registry;

import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import io.drydock.model.event.EventSink;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP exchange under every operation: timeouts, retries with backoff (connect errors, 429, 5xx;
 * {@code Retry-After} honoured), redirects followed by hand so that {@code Authorization} never leaves the
 * origin it was meant for, and the transport rules (plain HTTP and unverified TLS only for loopback hosts or
 * when insecure). Failures to connect become UNREACHABLE with the action that was tried.
 */
final class Http {
  static final String USER_AGENT = "drydock";
  private static final int MAX_REDIRECTS = 5;
  private final HttpClient verifying;
  private final HttpClient relaxedTls;
  private final Duration timeout;
  private final RetryPolicy retry;
  private final Sleeper sleeper;
  private final Clock clock;
  private final boolean insecure;
  private final EventSink events;

  /** One request; {@code authorization} is dropped when a redirect leaves the origin. */
  record Request(String method, URI uri, Map<String, String> headers, @Nullable String authorization,
      HttpRequest.@Nullable BodyPublisher body, @Nullable String contentType) {
    Request {
      headers = Map.copyOf(headers);
    }

    static Request get(URI uri, Map<String, String> headers, @Nullable String authorization) {
      return new Request("GET", uri, headers, authorization, null, null);
    }

    Request withAuthorization(@Nullable String auth) {
      return new Request(method, uri, headers, auth, body, contentType);
    }
  }

  Http(Duration timeout, RetryPolicy retry, Sleeper sleeper, Clock clock, boolean insecure, EventSink events) {
    this.timeout = timeout;
    this.retry = retry;
    this.sleeper = sleeper;
    this.clock = clock;
    this.insecure = insecure;
    this.events = events;
    this.verifying = newClient(null);
    this.relaxedTls = newClient(trustAll());
  }

  private HttpClient newClient(@Nullable SSLContext ssl) {
    HttpClient.Builder b = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(timeout);
    if (ssl != null) {
      b.sslContext(ssl);
    }
    return b.build();
  }

  Duration timeout() {
    return timeout;
  }

  /** Whether plain HTTP and unverified TLS are allowed towards {@code host}. */
  boolean relaxed(String host) {
    return insecure || RegistryHost.isLoopbackHost(host);
  }

  /**
   * Sends {@code request}, retrying and following redirects (GET and HEAD only). The caller owns the returned
   * body and must close it.
   */
  HttpResponse<InputStream> exchange(Request request, String action) throws IOException {
    Request current = request;
    URI origin = request.uri();
    for (int hop = 0; ; hop++) {
      checkScheme(current.uri(), action);
      HttpResponse<InputStream> response = sendWithRetry(current, action);
      int status = response.statusCode();
      boolean redirect = status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
      if (!redirect || !(current.method().equals("GET") || current.method().equals("HEAD"))) {
        return response;
      }
      Optional<String> location = response.headers().firstValue("Location");
      response.body().close();
      if (location.isEmpty()) {
        throw failure(ErrorKind.INVALID_INPUT, action, "the registry answered HTTP " + status + " without a Location");
      }
      if (hop >= MAX_REDIRECTS) {
        throw failure(ErrorKind.INVALID_INPUT, action, "more than " + MAX_REDIRECTS + " redirects");
      }
      URI next;
      try {
        next = current.uri().resolve(location.get());
      } catch (IllegalArgumentException e) {
        throw failure(ErrorKind.INVALID_INPUT, action, "the registry redirected to a malformed URL");
      }
      String auth = sameOrigin(origin, next) ? current.authorization() : null;
      current = new Request(current.method(), next, current.headers(), auth, null, null);
    }
  }

  static boolean sameOrigin(URI a, URI b) {
    return Objects.equals(lower(a.getScheme()), lower(b.getScheme())) && Objects.equals(lower(a.getHost()), lower(b.getHost()))
        && port(a) == port(b);
  }

  private static @Nullable String lower(@Nullable String s) {
    return s == null ? null : s.toLowerCase(Locale.ROOT);
  }

  static int port(URI u) {
    if (u.getPort() >= 0) {
      return u.getPort();
    }
    return "http".equalsIgnoreCase(u.getScheme()) ? 80 : 443;
  }

  private void checkScheme(URI uri, String action) {
    String scheme = lower(uri.getScheme());
    if ("https".equals(scheme)) {
      return;
    }
    if ("http".equals(scheme) && uri.getHost() != null && relaxed(uri.getHost())) {
      return;
    }
    throw failure(ErrorKind.USAGE, action, "refusing " + uri.getScheme() + "://" + uri.getHost()
        + ": plain HTTP is only used for loopback hosts or with --insecure");
  }

  private HttpResponse<InputStream> sendWithRetry(Request request, String action) throws IOException {
    HttpRequest.Builder b = HttpRequest.newBuilder(request.uri()).timeout(timeout)
        .header("User-Agent", USER_AGENT);
    request.headers().forEach(b::header);
    if (request.authorization() != null) {
      b.header("Authorization", request.authorization());
    }
    if (request.contentType() != null) {
      b.header("Content-Type", request.contentType());
    }
    b.method(request.method(), request.body() != null ? request.body() : HttpRequest.BodyPublishers.noBody());
    HttpRequest httpRequest = b.build();
    HttpClient client = "https".equalsIgnoreCase(request.uri().getScheme()) && relaxed(request.uri().getHost())
        ? relaxedTls : verifying;
    for (int attempt = 1; ; attempt++) {
      HttpResponse<InputStream> response;
      try {
        response = client.send(httpRequest, HttpResponse.BodyHandlers.ofInputStream());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while trying to " + action);
      } catch (ConnectException | HttpConnectTimeoutException e) {
        Optional<Duration> delay = retry.delayAfter(attempt, -1, null, clock);
        if (delay.isEmpty()) {
          throw failure(ErrorKind.UNREACHABLE, action, describe(e, request.uri()), e);
        }
        events.debug("retrying " + request.method() + " " + request.uri() + " in " + delay.get().toMillis() + " ms: "
            + describe(e, request.uri()));
        pause(delay.get(), action);
        continue;
      } catch (IOException e) {
        throw failure(ErrorKind.UNREACHABLE, action, describe(e, request.uri()), e);
      }
      int status = response.statusCode();
      if (RetryPolicy.retryableStatus(status)) {
        Optional<Duration> delay = retry.delayAfter(attempt, status,
            response.headers().firstValue("Retry-After").orElse(null), clock);
        if (delay.isPresent()) {
          response.body().close();
          events.debug("retrying " + request.method() + " " + request.uri() + " in " + delay.get().toMillis()
              + " ms: HTTP " + status);
          pause(delay.get(), action);
          continue;
        }
      }
      return response;
    }
  }

  private void pause(Duration d, String action) throws InterruptedIOException {
    try {
      sleeper.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting to retry: " + action);
    }
  }

  /** A short human reason for a transport failure. */
  String describe(IOException e, URI uri) {
    String where = uri.getScheme() + "://" + uri.getRawAuthority();
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
        return "host " + uri.getHost() + " could not be resolved";
      }
    }
    if (e instanceof HttpConnectTimeoutException) {
      return "connecting to " + where + " timed out after " + timeout.toSeconds() + "s";
    }
    if (e instanceof HttpTimeoutException) {
      return where + " did not answer within " + timeout.toSeconds() + "s";
    }
    if (e instanceof ConnectException) {
      return "cannot connect to " + where + " (connection refused)";
    }
    if (e instanceof SSLException) {
      return "TLS with " + where + " failed (" + DockerConfig.firstLine(e.getMessage()) + ")";
    }
    return "talking to " + where + " failed (" + (e.getMessage() == null ? e.getClass().getSimpleName()
        : DockerConfig.firstLine(e.getMessage())) + ")";
  }

  static DrydockException failure(ErrorKind kind, String action, String why) {
    return new DrydockException(kind, "Tried to " + action + " but failed because: " + why);
  }

  static DrydockException failure(ErrorKind kind, String action, String why, Throwable cause) {
    return new DrydockException(kind, "Tried to " + action + " but failed because: " + why, cause);
  }

  private static SSLContext trustAll() {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {new TrustAll()}, new SecureRandom());
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no TLS in this JDK", e);
    }
  }

  /** Accepts any certificate and host name: used only for loopback hosts and with {@code insecure}. */
  private static final class TrustAll extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
