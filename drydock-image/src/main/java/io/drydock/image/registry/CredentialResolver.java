package io.drydock.image.registry;

import io.drydock.model.DrydockException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Finds the credentials for a registry: reads the Docker config once ({@code dockerConfigDir}, else
 * {@code $DOCKER_CONFIG}, else {@code $HOME/.docker}) and asks credential helpers when it names one. Results
 * are cached per registry for the life of the client.
 */
final class CredentialResolver {
  private static final int MAX_CONFIG_BYTES = 1024 * 1024;
  private final Path configFile;
  private final CredentialHelper helper;
  private final Map<String, Optional<Credential>> cache = new ConcurrentHashMap<>();
  private volatile @Nullable DockerConfig config;

  CredentialResolver(@Nullable Path dockerConfigDir, Map<String, String> env, CredentialHelper helper) {
    this.configFile = configDir(dockerConfigDir, env).resolve("config.json");
    this.helper = helper;
  }

  static Path configDir(@Nullable Path dockerConfigDir, Map<String, String> env) {
    if (dockerConfigDir != null) {
      return dockerConfigDir;
    }
    String fromEnv = env.get("DOCKER_CONFIG");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Path.of(fromEnv);
    }
    String home = env.getOrDefault("HOME", System.getProperty("user.home", "."));
    return Path.of(home, ".docker");
  }

  Path configFile() {
    return configFile;
  }

  Optional<Credential> forRegistry(String registry) throws IOException {
    String key = DockerConfig.normalize(registry);
    Optional<Credential> cached = cache.get(key);
    if (cached != null) {
      return cached;
    }
    Optional<Credential> found = resolve(registry);
    cache.put(key, found);
    return found;
  }

  private Optional<Credential> resolve(String registry) throws IOException {
    DockerConfig.Source source = config().lookup(registry);
    if (source instanceof DockerConfig.Source.Inline inline) {
      return Optional.of(inline.credential());
    }
    if (source instanceof DockerConfig.Source.Helper h) {
      Optional<Credential> fromHelper = helper.get(h.helper(), h.serverUrl());
      return fromHelper.isPresent() ? fromHelper : Optional.ofNullable(h.fallback());
    }
    return Optional.empty();
  }

  private DockerConfig config() {
    DockerConfig c = config;
    if (c == null) {
      c = load(configFile);
      config = c;
    }
    return c;
  }

  static DockerConfig load(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(MAX_CONFIG_BYTES + 1);
      if (bytes.length > MAX_CONFIG_BYTES) {
        throw DrydockException.invalidInput("Tried to read Docker config " + file + " but failed because: it is larger than "
            + MAX_CONFIG_BYTES + " bytes");
      }
      return DockerConfig.parse(bytes, file.toString());
    } catch (NoSuchFileException e) {
      return DockerConfig.empty(file.toString());
    } catch (IOException e) {
      if (!Files.exists(file)) {
        return DockerConfig.empty(file.toString());
      }
      throw DrydockException.invalidInput("Tried to read Docker config " + file + " but failed because: " + e.getMessage());
    }
  }
}
