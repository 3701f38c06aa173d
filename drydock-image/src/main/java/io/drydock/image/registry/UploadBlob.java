package io.drydock.image.registry;

import io.drydock.model.Digest;
import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Blob upload: {@code POST /v2/<repo>/blobs/uploads/} opens a session, then either one {@code PUT ?digest=}
 * with the whole blob (monolithic) or {@code PATCH} chunks with {@code Content-Range} and a closing
 * {@code PUT ?digest=}. A chunk that fails (transport error after the transport's own retries, 416, 5xx) is
 * resumed from the offset the registry reports for the session ({@code GET} the upload URL, {@code Range:
 * 0-N}). The registry's {@code Docker-Content-Digest} must equal the digest pushed.
 */
final class UploadBlob {
  static final int MAX_RESUMES = 5;
  private static final String OCTETS = "application/octet-stream";
  private static final Pattern RANGE = Pattern.compile("^(?:bytes=)?0-(\\d+)$");

  private UploadBlob() {}

  /**
   * Uploads {@code content} as {@code digest}; {@code chunkSize} ≤ 0 means monolithic. Returns the number of
   * resumes the chunked upload needed.
   */
  static int upload(RegistrySession session, String repository, Digest digest, BlobContent content, int chunkSize)
      throws IOException {
    Refs.checkRepository(repository);
    String registry = session.host().registry();
    String action = "push blob " + digest + " to " + registry + "/" + repository;
    String location = start(session, repository, action);
    int resumes = 0;
    if (chunkSize > 0) {
      long offset = 0;
      while (offset < content.size()) {
        int len = (int) Math.min(chunkSize, content.size() - offset);
        Optional<String> next;
        try {
          next = patch(session, repository, location, content.slice(offset, len), offset, action);
        } catch (DrydockException e) {
          if (e.kind() != ErrorKind.UNREACHABLE) {
            throw e;
          }
          next = Optional.empty();
        }
        if (next.isPresent()) {
          location = next.get();
          offset += len;
          continue;
        }
        if (++resumes > MAX_RESUMES) {
          throw Http.failure(ErrorKind.UNREACHABLE, action, "the upload failed " + MAX_RESUMES + " times at byte " + offset);
        }
        Status status = status(session, repository, location, action);
        location = status.location();
        offset = status.received();
      }
      finish(session, repository, location, digest, HttpRequest.BodyPublishers.noBody(), action);
    } else {
      finish(session, repository, location, digest, content.publisher(), action);
    }
    return resumes;
  }

  static String start(RegistrySession session, String repository, String action) throws IOException {
    HttpResponse<InputStream> r = session.send("POST", "/v2/" + repository + "/blobs/uploads/", Map.of(),
        RegistrySession.pushScope(repository), action, HttpRequest.BodyPublishers.noBody(), null);
    if (r.statusCode() != 202) {
      throw RegistryErrors.of(r, action, "repository " + repository + " not found", repository, session.host().registry());
    }
    Bodies.discard(r);
    return location(r, action);
  }

  /** The next upload URL, or empty when the registry did not take the chunk (resume from its offset). */
  private static Optional<String> patch(RegistrySession session, String repository, String location, byte[] chunk,
      long offset, String action) throws IOException {
    Map<String, String> headers = Map.of("Content-Range", offset + "-" + (offset + chunk.length - 1));
    HttpResponse<InputStream> r = session.send("PATCH", location, headers, RegistrySession.pushScope(repository), action,
        HttpRequest.BodyPublishers.ofByteArray(chunk), OCTETS);
    int code = r.statusCode();
    if (code == 202) {
      Bodies.discard(r);
      return Optional.of(location(r, action));
    }
    if (code == 416 || RetryPolicy.retryableStatus(code)) {
      Bodies.discard(r);
      return Optional.empty();
    }
    throw RegistryErrors.of(r, action, "the upload session is gone", repository, session.host().registry());
  }

  record Status(String location, long received) {}

  /** {@code GET} on the upload URL: how many bytes the registry has (its {@code Range: 0-N}, N inclusive). */
  static Status status(RegistrySession session, String repository, String location, String action) throws IOException {
    HttpResponse<InputStream> r = session.send("GET", location, Map.of(), RegistrySession.pushScope(repository), action);
    if (r.statusCode() != 204 && r.statusCode() != 202) {
      throw RegistryErrors.of(r, action, "the upload session expired", repository, session.host().registry());
    }
    Bodies.discard(r);
    return new Status(r.headers().firstValue("Location").map(l -> l).orElse(location),
        received(r.headers().firstValue("Range").orElse(null)));
  }

  /** Bytes received from a {@code Range} header ({@code 0-N} inclusive; absent = none). Pure. */
  static long received(@org.jspecify.annotations.Nullable String range) {
    if (range == null || range.isBlank()) {
      return 0;
    }
    Matcher m = RANGE.matcher(range.trim());
    if (!m.matches()) {
      throw Http.failure(ErrorKind.INVALID_INPUT, "resume an upload", "the registry sent a malformed Range '" + range + "'");
    }
    return Long.parseLong(m.group(1)) + 1;
  }

  private static void finish(RegistrySession session, String repository, String location, Digest digest,
      HttpRequest.BodyPublisher body, String action) throws IOException {
    String uri = location + (location.contains("?") ? "&" : "?") + "digest="
        + URLEncoder.encode(digest.toString(), StandardCharsets.UTF_8);
    HttpResponse<InputStream> r = session.send("PUT", uri, Map.of(), RegistrySession.pushScope(repository), action, body,
        OCTETS);
    if (r.statusCode() != 201) {
      throw RegistryErrors.of(r, action, "the upload session is gone", repository, session.host().registry());
    }
    Bodies.discard(r);
    checkDigest(r, digest, action);
  }

  static void checkDigest(HttpResponse<?> r, Digest expected, String action) {
    Optional<String> header = r.headers().firstValue("Docker-Content-Digest");
    if (header.isPresent() && !header.get().isBlank() && !header.get().trim().equals(expected.toString())) {
      throw Http.failure(ErrorKind.INVALID_INPUT, action, "the registry stored digest " + header.get().trim()
          + ", not " + expected);
    }
  }

  static String location(HttpResponse<?> r, String action) {
    return r.headers().firstValue("Location").filter(l -> !l.isBlank())
        .orElseThrow(() -> Http.failure(ErrorKind.INVALID_INPUT, action, "the registry answered "
            + r.statusCode() + " without a Location for the upload"));
  }
}
