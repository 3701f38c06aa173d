package io.drydock.router.haproxy.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The test HTTP app (scripts/testapp/testapp.c) as a local process on 127.0.0.1, for router tests that do not
 * need a container. The binary is compiled once per build into {@code target/testapp/testapp} with
 * {@code gcc -O2 -static -pthread}; {@code scripts/testapp/build.sh} makes the container images from the same source.
 */
public final class TestApp implements AutoCloseable {
  private static Path binary;
  private final Process process;
  private final int port;
  private final String version;
  private final Path log;

  private TestApp(Process process, int port, String version, Path log) {
    this.process = process;
    this.port = port;
    this.version = version;
    this.log = log;
  }

  /** The source file, found by walking up from the working directory to the repository root. */
  public static Path source() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("scripts/testapp/testapp.c");
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("scripts/testapp/testapp.c not found above " + Path.of("").toAbsolutePath());
  }

  /** Compiles the app into {@code target/testapp/testapp} (once per JVM, and only when the source is newer). */
  public static synchronized Path binary() throws IOException, InterruptedException {
    if (binary != null) {
      return binary;
    }
    Path src = source();
    Path out = Path.of("target", "testapp", "testapp").toAbsolutePath();
    if (!Files.exists(out) || Files.getLastModifiedTime(out).compareTo(Files.getLastModifiedTime(src)) < 0) {
      Files.createDirectories(out.getParent());
      Process gcc = new ProcessBuilder("gcc", "-O2", "-static", "-pthread", "-o", out.toString(), src.toString())
          .redirectErrorStream(true).start();
      String output = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (gcc.waitFor() != 0) {
        throw new IOException("gcc failed to build the test app (install gcc and libc6-dev, or run scripts/test-env.sh up): " + output);
      }
    }
    binary = out;
    return out;
  }

  /** A free TCP port on 127.0.0.1 (free when asked; another process may take it before it is used). */
  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Starts the app on a free port with {@code VERSION=version} and waits until it accepts connections. */
  public static TestApp start(String version) throws IOException, InterruptedException {
    return start(freePort(), version, Map.of());
  }

  /**
   * Starts the app with PORT, VERSION and {@code env} (ERROR_RATE, LATENCY_MS, HEALTHY=false) and waits up to 5 s
   * for it to accept connections.
   */
  public static TestApp start(int port, String version, Map<String, String> env) throws IOException, InterruptedException {
    Path log = Files.createTempFile(Path.of("target").toAbsolutePath(), "testapp-" + version + "-", ".log");
    ProcessBuilder pb = new ProcessBuilder(binary().toString()).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> environment = new HashMap<>(env);
    environment.put("PORT", Integer.toString(port));
    environment.put("VERSION", version);
    pb.environment().putAll(environment);
    TestApp app = new TestApp(pb.start(), port, version, log);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (true) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        return app;
      } catch (IOException notYet) {
        if (!app.process.isAlive() || System.nanoTime() > deadline) {
          app.close();
          throw new IOException("test app " + version + " did not listen on 127.0.0.1:" + port + ": " + Files.readString(log));
        }
        Thread.sleep(20);
      }
    }
  }

  public int port() {
    return port;
  }

  /** {@code 127.0.0.1:port}, as HAProxy's {@code add server} takes it. */
  public String address() {
    return "127.0.0.1:" + port;
  }

  public String version() {
    return version;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public String log() throws IOException {
    return Files.readString(log);
  }

  /** SIGTERM (graceful: in-flight requests finish), then SIGKILL after {@code grace}; returns the exit code. */
  public int stop(Duration grace) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      process.waitFor();
    }
    return process.exitValue();
  }

  @Override
  public void close() {
    try {
      stop(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** One GET over a fresh connection; returns "STATUS BODY". For quick checks in tests. */
  public static String get(int port, String path) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      String response = new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8);
      int sp = response.indexOf(' ');
      int body = response.indexOf("\r\n\r\n");
      return response.substring(sp + 1, sp + 4) + " " + (body < 0 ? "" : response.substring(body + 4));
    }
  }
}
