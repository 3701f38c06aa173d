package io.drydock.image.registry;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where a registry named in an image reference lives, and which transports it may use. Pure.
 *
 * @param registry the registry as written in the reference ({@code 127.0.0.1:5000}, {@code docker.io})
 */
record RegistryHost(String registry) {
  static final String DOCKER_HUB_API = "registry-1.docker.io";
  private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

  RegistryHost {
    if (registry.isBlank() || registry.contains("/") || registry.contains("@")) {
      throw new IllegalArgumentException("malformed registry host '" + registry + "'");
    }
  }

  static RegistryHost of(String registry) {
    return new RegistryHost(registry);
  }

  /** The authority requests go to: Docker Hub's API host for {@code docker.io}, else the registry itself. */
  String apiAuthority() {
    return isDockerHub() ? DOCKER_HUB_API : registry;
  }

  boolean isDockerHub() {
    String h = registry.toLowerCase(Locale.ROOT);
    return h.equals("docker.io") || h.equals("index.docker.io") || h.equals(DOCKER_HUB_API);
  }

  /** The host name without port and without IPv6 brackets. */
  String hostname() {
    String r = registry;
    if (r.startsWith("[")) {
      int end = r.indexOf(']');
      return end > 0 ? r.substring(1, end) : r;
    }
    int colon = r.lastIndexOf(':');
    if (colon >= 0 && r.indexOf(':') == colon) {
      return r.substring(0, colon);
    }
    return r;
  }

  /** True for {@code localhost}, 127.0.0.0/8 and ::1, decided from the literal text (no DNS). */
  boolean isLoopback() {
    return isLoopbackHost(hostname());
  }

  static boolean isLoopbackHost(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (h.equals("localhost") || h.endsWith(".localhost")) {
      return true;
    }
    if (h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")) {
      return true;
    }
    var m = IPV4.matcher(h);
    if (m.matches()) {
      for (int i = 1; i <= 4; i++) {
        if (Integer.parseInt(m.group(i)) > 255) {
          return false;
        }
      }
      return m.group(1).equals("127");
    }
    return false;
  }

  /** Whether plain HTTP and unverified TLS are allowed: loopback hosts, or any host when {@code insecure}. */
  boolean relaxed(boolean insecure) {
    return insecure || isLoopback();
  }

  /** The schemes to try, in order: HTTPS only, or HTTPS then HTTP for relaxed hosts. */
  List<String> schemes(boolean insecure) {
    return relaxed(insecure) ? List.of("https", "http") : List.of("https");
  }
}
