package io.drydock.image.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drydock.model.DrydockException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The registry part of Docker's {@code config.json}: {@code auths}, {@code credHelpers} and
 * {@code credsStore}. Keys are normalised as the Docker CLI does ({@code https://host/v1/} → {@code host}), and
 * the Docker Hub aliases ({@code https://index.docker.io/v1/}, {@code index.docker.io},
 * {@code registry-1.docker.io}, {@code docker.io}) all mean {@code docker.io}. Pure.
 *
 * @param source where it was read, for messages
 */
record DockerConfig(String source, Map<String, Credential> auths, Map<String, String> credHelpers,
    @Nullable String credsStore) {
  /** The server URL Docker uses for Docker Hub, and passes to credential helpers. */
  static final String DOCKER_HUB_SERVER_URL = "https://index.docker.io/v1/";
  private static final Pattern HELPER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final ObjectMapper JSON = new ObjectMapper();

  DockerConfig {
    auths = Map.copyOf(auths);
    credHelpers = Map.copyOf(credHelpers);
    for (String helper : credHelpers.values()) {
      checkHelperName(helper, source);
    }
    if (credsStore != null) {
      if (credsStore.isBlank()) {
        credsStore = null;
      } else {
        checkHelperName(credsStore, source);
      }
    }
  }

  static DockerConfig empty(String source) {
    return new DockerConfig(source, Map.of(), Map.of(), null);
  }

  /** Where to find credentials for a registry. */
  sealed interface Source {
    record None() implements Source {}

    record Inline(Credential credential) implements Source {}

    /**
     * Ask {@code docker-credential-<helper>}; {@code fallback} is what {@code auths} holds for the host, used
     * when the helper has nothing.
     */
    record Helper(String helper, String serverUrl, @Nullable Credential fallback) implements Source {}
  }

  /** Parses {@code config.json} bytes; malformed content is INVALID_INPUT naming the file. */
  static DockerConfig parse(byte[] json, String source) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw invalid(source, "it is not valid JSON (" + firstLine(e.getMessage()) + ")");
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return empty(source);
    }
    if (!root.isObject()) {
      throw invalid(source, "it is not a JSON object");
    }
    Map<String, Credential> auths = new LinkedHashMap<>();
    JsonNode authsNode = root.path("auths");
    if (authsNode.isObject()) {
      for (Map.Entry<String, JsonNode> e : iterable(authsNode)) {
        Credential c = credential(e.getKey(), e.getValue(), source);
        if (c != null) {
          auths.putIfAbsent(normalize(e.getKey()), c);
        }
      }
    }
    Map<String, String> helpers = new LinkedHashMap<>();
    JsonNode helpersNode = root.path("credHelpers");
    if (helpersNode.isObject()) {
      for (Map.Entry<String, JsonNode> e : iterable(helpersNode)) {
        if (e.getValue().isTextual() && !e.getValue().asText().isBlank()) {
          helpers.putIfAbsent(normalize(e.getKey()), e.getValue().asText());
        }
      }
    }
    JsonNode store = root.path("credsStore");
    return new DockerConfig(source, auths, helpers, store.isTextual() ? store.asText() : null);
  }

  /** Where to get credentials for {@code registry}: {@code credHelpers}, then {@code credsStore}, then {@code auths}. */
  Source lookup(String registry) {
    String key = normalize(registry);
    Credential inline = auths.get(key);
    String serverUrl = key.equals("docker.io") ? DOCKER_HUB_SERVER_URL : key;
    String helper = credHelpers.get(key);
    if (helper != null) {
      return new Source.Helper(helper, serverUrl, inline);
    }
    if (credsStore != null) {
      return new Source.Helper(credsStore, serverUrl, inline);
    }
    return inline != null ? new Source.Inline(inline) : new Source.None();
  }

  /**
   * Normalises a config key or registry name the way the Docker CLI does: strip the scheme and any path, lower
   * case; Docker Hub aliases become {@code docker.io}.
   */
  static String normalize(String key) {
    String k = key.trim();
    String lower = k.toLowerCase(Locale.ROOT);
    if (lower.startsWith("http://")) {
      k = k.substring(7);
    } else if (lower.startsWith("https://")) {
      k = k.substring(8);
    }
    int slash = k.indexOf('/');
    if (slash >= 0) {
      k = k.substring(0, slash);
    }
    k = k.toLowerCase(Locale.ROOT);
    if (List.of("index.docker.io", "registry-1.docker.io", "docker.io", "registry.hub.docker.com").contains(k)) {
      return "docker.io";
    }
    return k;
  }

  private static @Nullable Credential credential(String key, JsonNode entry, String source) {
    if (!entry.isObject()) {
      return null;
    }
    String identityToken = text(entry, "identitytoken");
    String registryToken = text(entry, "registrytoken");
    String user = text(entry, "username");
    String password = text(entry, "password");
    String auth = text(entry, "auth");
    if (auth != null) {
      String decoded;
      try {
        decoded = new String(Base64.getMimeDecoder().decode(auth), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw invalid(source, "auths." + key + ".auth is not base64");
      }
      int colon = decoded.indexOf(':');
      if (colon < 0) {
        throw invalid(source, "auths." + key + ".auth does not decode to user:password");
      }
      user = decoded.substring(0, colon);
      password = decoded.substring(colon + 1);
    }
    if (identityToken != null) {
      return new Credential.IdentityToken(user == null ? "" : user, identityToken);
    }
    if (registryToken != null) {
      return new Credential.RegistryToken(registryToken);
    }
    if (user != null && !user.isEmpty() && password != null) {
      return new Credential.UserPassword(user, password);
    }
    return null;
  }

  private static @Nullable String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v != null && v.isTextual() && !v.asText().isEmpty() ? v.asText() : null;
  }

  private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
    return node.properties();
  }

  private static void checkHelperName(String name, String source) {
    if (!HELPER_NAME.matcher(name).matches()) {
      throw invalid(source, "credential helper name '" + name + "' is not a plain program suffix");
    }
  }

  private static DrydockException invalid(String source, String why) {
    return DrydockException.invalidInput("Tried to read Docker config " + source + " but failed because: " + why);
  }

  static String firstLine(@Nullable String s) {
    if (s == null) {
      return "unknown error";
    }
    int nl = s.indexOf('\n');
    return nl >= 0 ? s.substring(0, nl) : s;
  }
}
