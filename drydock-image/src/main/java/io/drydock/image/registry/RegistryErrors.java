package io.drydock.image.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.Optional;

/** Turns a registry's unsuccessful answer into a one-line DrydockException. */
final class RegistryErrors {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The first {@code errors[].code} and {@code message} of a registry error body. */
  record RegistryError(String code, String message) {}

  private RegistryErrors() {}

  /**
   * The exception for an answer that was not a success. Reads (a bounded prefix of) the body and closes it.
   *
   * @param notFound the reason to give for 404, e.g. "repository x has no tag 'y' on host"
   * @param repository the repository, to say it does not exist when the registry reports NAME_UNKNOWN
   */
  static DrydockException of(HttpResponse<InputStream> response, String action, String notFound, String repository,
      String registry) {
    int status = response.statusCode();
    Optional<RegistryError> error = "HEAD".equals(response.request().method())
        ? Optional.empty() : parse(Bodies.readPrefix(response, 16 * 1024));
    Bodies.discard(response);
    return of(status, error, action, notFound, repository, registry);
  }

  static DrydockException of(int status, Optional<RegistryError> error, String action, String notFound, String repository,
      String registry) {
    String detail = error.map(e -> " (" + e.code() + (e.message().isEmpty() ? "" : ": " + e.message()) + ")").orElse("");
    if (status == 404) {
      if (error.isPresent() && error.get().code().equals("NAME_UNKNOWN")) {
        return Http.failure(ErrorKind.NOT_FOUND, action, "repository " + repository + " does not exist on " + registry);
      }
      return Http.failure(ErrorKind.NOT_FOUND, action, notFound);
    }
    if (status == 401 || status == 403) {
      return Http.failure(ErrorKind.AUTH, action, "the registry refused access (HTTP " + status + ")" + detail);
    }
    if (status == 429 || status >= 500) {
      return Http.failure(ErrorKind.UNREACHABLE, action, registry + " answered HTTP " + status + detail);
    }
    return Http.failure(ErrorKind.INVALID_INPUT, action, registry + " answered HTTP " + status + detail);
  }

  static Optional<RegistryError> parse(byte[] body) {
    if (body.length == 0) {
      return Optional.empty();
    }
    try {
      JsonNode node = JSON.readTree(body);
      JsonNode first = node == null ? null : node.path("errors").path(0);
      if (first == null || !first.isObject() || !first.path("code").isTextual()) {
        return Optional.empty();
      }
      String message = first.path("message").asText("");
      if (message.length() > 200) {
        message = message.substring(0, 200) + "…";
      }
      return Optional.of(new RegistryError(first.path("code").asText(), DockerConfig.firstLine(message)));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
