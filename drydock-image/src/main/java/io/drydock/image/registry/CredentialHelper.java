package io.drydock.image.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code docker-credential-<name> get} with the server URL on stdin, as the Docker CLI does. The program
 * is looked up on the {@code PATH} of the given environment, which is also the only environment it gets.
 */
final class CredentialHelper {
  private static final int MAX_OUTPUT = 64 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Map<String, String> env;
  private final Duration timeout;

  CredentialHelper(Map<String, String> env, Duration timeout) {
    this.env = Map.copyOf(env);
    this.timeout = timeout;
  }

  /** The helper's credentials for {@code serverUrl}; empty when it says it has none. */
  Optional<Credential> get(String helper, String serverUrl) throws IOException {
    String program = "docker-credential-" + helper;
    String what = "Tried to get credentials for " + serverUrl + " from " + program + " but failed because: ";
    Path exe = find(program).orElseThrow(() -> new DrydockException(ErrorKind.AUTH,
        what + program + " is not on PATH (named by credHelpers/credsStore in the Docker config)"));
    ProcessBuilder pb = new ProcessBuilder(exe.toString(), "get").redirectErrorStream(true);
    pb.environment().clear();
    pb.environment().putAll(env);
    Process process;
    try {
      process = pb.start();
    } catch (IOException e) {
      throw new DrydockException(ErrorKind.AUTH, what + "it could not be started (" + e.getMessage() + ")");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Thread reader = new Thread(() -> drain(process.getInputStream(), out), program + "-stdout");
    reader.setDaemon(true);
    reader.start();
    try {
      try (OutputStream stdin = process.getOutputStream()) {
        stdin.write(serverUrl.getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        // the helper may exit without reading stdin; its exit status tells
      }
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new DrydockException(ErrorKind.AUTH, what + "it did not answer within " + timeout.toSeconds() + "s");
      }
      reader.join(1000);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while running " + program);
    }
    String output;
    synchronized (out) {
      output = out.toString(StandardCharsets.UTF_8).trim();
    }
    if (process.exitValue() != 0) {
      if (output.toLowerCase(java.util.Locale.ROOT).contains("credentials not found")) {
        return Optional.empty();
      }
      throw new DrydockException(ErrorKind.AUTH, what + "it exited with status " + process.exitValue()
          + (output.isEmpty() ? "" : " (" + oneLine(output) + ")"));
    }
    return Optional.of(parse(output, what));
  }

  static Credential parse(String output, String what) {
    JsonNode node;
    try {
      node = JSON.readTree(output);
    } catch (IOException e) {
      throw new DrydockException(ErrorKind.AUTH, what + "its answer is not JSON");
    }
    if (node == null || !node.isObject()) {
      throw new DrydockException(ErrorKind.AUTH, what + "its answer is not a JSON object");
    }
    String user = node.path("Username").asText("");
    String secret = node.path("Secret").asText("");
    if (secret.isEmpty()) {
      throw new DrydockException(ErrorKind.AUTH, what + "its answer has no Secret");
    }
    if (user.equals("<token>") || user.isEmpty()) {
      return new Credential.IdentityToken(user, secret);
    }
    return new Credential.UserPassword(user, secret);
  }

  private Optional<Path> find(String program) {
    String path = env.getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, program);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static void drain(InputStream in, ByteArrayOutputStream out) {
    byte[] buf = new byte[4096];
    try (in) {
      int n;
      int total = 0;
      while ((n = in.read(buf)) >= 0) {
        int keep = Math.min(n, MAX_OUTPUT - total);
        if (keep > 0) {
          synchronized (out) {
            out.write(buf, 0, keep);
          }
          total += keep;
        }
      }
    } catch (IOException e) {
      // the process went away; what was read is all there is
    }
  }

  private static String oneLine(String s) {
    String line = DockerConfig.firstLine(s).strip();
    return line.length() > 200 ? line.substring(0, 200) + "…" : line;
  }
}
