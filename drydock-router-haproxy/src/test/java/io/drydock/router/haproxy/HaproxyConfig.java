package io.drydock.router.haproxy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A single-host HAProxy configuration for zero-downtime swaps: one HTTP frontend on a loopback (or given) address,
 * one backend whose servers are added at run time through the admin socket. {@link #render()} gives the file.
 *
 * <p>Choices (see README "Zero-downtime updates on one host"): {@code option http-server-close} keeps client
 * connections alive but closes each server connection after its response, so a drained server has no pooled
 * connection left and can be deleted at once; {@code retry-on conn-failure empty-response} with {@code retries 3}
 * and {@code option redispatch 1} re-sends a request that never reached a stopping server to another one; no
 * {@code response-timeout} retry, because a request a server received may have been executed (POST). No
 * {@code slowstart} by default: it would stretch the switch time of blue/green.
 *
 * @param socket admin socket path (at most 97 bytes)
 * @param bindAddress frontend address, normally {@code 127.0.0.1}
 * @param frontendPort frontend port
 * @param backend backend name (servers are added to it)
 * @param healthPath path of {@code option httpchk GET …}; a 2xx/3xx answer is UP
 * @param checkInterval {@code inter}
 * @param rise consecutive passed checks to become UP
 * @param fall consecutive failed checks to become DOWN
 * @param slowStart {@code slowstart} of servers, null for none
 * @param connectTimeout {@code timeout connect}
 * @param clientTimeout {@code timeout client}
 * @param serverTimeout {@code timeout server}
 * @param keepAliveTimeout {@code timeout http-keep-alive} (idle client connections)
 * @param retries {@code retries}
 * @param threads {@code nbthread}
 */
public record HaproxyConfig(
    Path socket,
    String bindAddress,
    int frontendPort,
    String backend,
    String healthPath,
    Duration checkInterval,
    int rise,
    int fall,
    @Nullable Duration slowStart,
    Duration connectTimeout,
    Duration clientTimeout,
    Duration serverTimeout,
    Duration keepAliveTimeout,
    int retries,
    int threads) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
  private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9_./~%?=&-]*");
  private static final Pattern ADDRESS = Pattern.compile("[0-9.]+|[0-9a-fA-F:]+|\\*");

  public HaproxyConfig {
    if (socket.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 97 || socket.toString().contains(" ")) {
      throw new IllegalArgumentException("admin socket path must be at most 97 bytes without spaces: " + socket);
    }
    if (!ADDRESS.matcher(bindAddress).matches()) {
      throw new IllegalArgumentException("bind address must be an IP address: " + bindAddress);
    }
    if (frontendPort < 1 || frontendPort > 65535) {
      throw new IllegalArgumentException("frontend port must be 1-65535: " + frontendPort);
    }
    if (!NAME.matcher(backend).matches()) {
      throw new IllegalArgumentException("backend name must be 1-64 letters, digits, '_', '.', ':' or '-': " + backend);
    }
    if (!PATH.matcher(healthPath).matches()) {
      throw new IllegalArgumentException("health path must start with '/' and hold no spaces: " + healthPath);
    }
    positive(checkInterval, "checkInterval");
    positive(connectTimeout, "connectTimeout");
    positive(clientTimeout, "clientTimeout");
    positive(serverTimeout, "serverTimeout");
    positive(keepAliveTimeout, "keepAliveTimeout");
    if (slowStart != null) {
      positive(slowStart, "slowStart");
    }
    if (rise < 1 || fall < 1 || retries < 0 || threads < 1 || threads > 64) {
      throw new IllegalArgumentException("rise and fall must be >= 1, retries >= 0, threads 1-64");
    }
  }

  /** Defaults: 127.0.0.1, backend {@code app}, {@code GET /healthz} every 500 ms, rise 2, fall 2, 2 threads. */
  public static HaproxyConfig of(Path socket, int frontendPort) {
    return new HaproxyConfig(socket, "127.0.0.1", frontendPort, "app", "/healthz", Duration.ofMillis(500), 2, 2, null,
        Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(10), 3, 2);
  }

  public HaproxyConfig withBackend(String name) {
    return new HaproxyConfig(socket, bindAddress, frontendPort, name, healthPath, checkInterval, rise, fall, slowStart,
        connectTimeout, clientTimeout, serverTimeout, keepAliveTimeout, retries, threads);
  }

  public HaproxyConfig withHealthCheck(String path, Duration interval, int rise, int fall) {
    return new HaproxyConfig(socket, bindAddress, frontendPort, backend, path, interval, rise, fall, slowStart,
        connectTimeout, clientTimeout, serverTimeout, keepAliveTimeout, retries, threads);
  }

  public HaproxyConfig withSlowStart(@Nullable Duration duration) {
    return new HaproxyConfig(socket, bindAddress, frontendPort, backend, healthPath, checkInterval, rise, fall, duration,
        connectTimeout, clientTimeout, serverTimeout, keepAliveTimeout, retries, threads);
  }

  /** The health-check settings of this backend, for servers added at run time. */
  public ServerOptions serverOptions() {
    return new ServerOptions(checkInterval, rise, fall, slowStart);
  }

  /** The configuration file text. */
  public String render() {
    return String.join("\n",
        "# generated by drydock (io.drydock.router.haproxy.HaproxyConfig)",
        "global",
        "  master-worker",
        "  stats socket " + socket + " mode 600 level admin expose-fd listeners",
        "  stats timeout 30s",
        "  nbthread " + threads,
        "",
        "defaults",
        "  mode http",
        "  option http-server-close",
        "  option redispatch 1",
        "  retries " + retries,
        "  retry-on conn-failure empty-response",
        "  timeout connect " + ms(connectTimeout),
        "  timeout client " + ms(clientTimeout),
        "  timeout server " + ms(serverTimeout),
        "  timeout http-request " + ms(clientTimeout),
        "  timeout http-keep-alive " + ms(keepAliveTimeout),
        "  timeout queue " + ms(connectTimeout),
        "",
        "frontend " + backend + "_in",
        "  bind " + (bindAddress.contains(":") ? "[" + bindAddress + "]" : bindAddress) + ":" + frontendPort,
        "  default_backend " + backend,
        "",
        "backend " + backend,
        "  balance roundrobin",
        "  option httpchk GET " + healthPath,
        "  default-server " + serverOptions().keywords(),
        "");
  }

  private static String ms(Duration d) {
    return d.toMillis() + "ms";
  }

  private static void positive(Duration d, String what) {
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be positive: " + d);
    }
  }
}
