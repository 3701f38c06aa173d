package io.drydock.rollout.control;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drydock.rollout.spec.HealthCheck;
import io.drydock.rollout.spec.MetricProvider;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Probes and measurements over loopback HTTP, TCP and local processes. */
public final class LocalProbes implements Probes {
  static final int MAX_BODY = 1 << 20;
  static final int MAX_OUTPUT = 64 << 10;
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
      .followRedirects(HttpClient.Redirect.NEVER).build();

  @Override
  public boolean probe(HealthCheck.Probe probe, String address, Duration timeout) throws InterruptedException {
    if (probe instanceof HealthCheck.Http h) {
      try {
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://" + address + h.path()))
            .timeout(timeout).GET().build(), HttpResponse.BodyHandlers.discarding());
        return r.statusCode() >= 200 && r.statusCode() < 400;
      } catch (IOException | IllegalArgumentException e) {
        return false;
      }
    }
    if (probe instanceof HealthCheck.Command c) {
      try {
        run(c.argv(), address, timeout);
        return true;
      } catch (MeasurementException e) {
        return false;
      }
    }
    int colon = address.lastIndexOf(':');
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1))),
          (int) Math.max(1, timeout.toMillis()));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public Object measure(MetricProvider provider, String address) throws InterruptedException {
    if (provider instanceof MetricProvider.Http h) {
      return http(h, address);
    }
    if (provider instanceof MetricProvider.Command c) {
      return value(run(c.argv(), address, c.timeout()).strip());
    }
    throw new IllegalArgumentException("the controller measures HAProxy metrics itself");
  }

  private Object http(MetricProvider.Http h, String address) throws InterruptedException {
    String url = h.url() == null ? "http://" + address + h.path() : h.url().replace("{{address}}", address);
    HttpResponse<InputStream> r;
    try {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(h.timeout());
      b = switch (h.method()) {
        case "POST" -> b.POST(HttpRequest.BodyPublishers.noBody());
        case "HEAD" -> b.method("HEAD", HttpRequest.BodyPublishers.noBody());
        default -> b.GET();
      };
      r = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException | IllegalArgumentException e) {
      throw new MeasurementException("Tried to " + h.method() + " " + url + " but failed because: " + e, false);
    }
    byte[] body;
    try (InputStream in = r.body()) {
      body = in.readNBytes(MAX_BODY);
    } catch (IOException e) {
      throw new MeasurementException("Tried to read the answer of " + url + " but failed because: " + e, false);
    }
    if (h.jsonPath() == null) {
      return (double) r.statusCode();
    }
    try {
      JsonNode node = JSON.readTree(body).at(pointer(h.jsonPath()));
      if (node.isMissingNode() || node.isNull()) {
        throw new MeasurementException(url + " answered " + r.statusCode() + " without " + h.jsonPath(), false);
      }
      return node.isNumber() ? (Object) node.asDouble() : node.isBoolean() ? (Object) node.asBoolean()
          : node.isTextual() ? node.asText() : node.toString();
    } catch (IOException e) {
      throw new MeasurementException(url + " answered " + r.statusCode() + " with a body that is not JSON", false);
    }
  }

  /** {@code $.a.b[0]} → {@code /a/b/0}. */
  static JsonPointer pointer(String jsonPath) {
    String p = jsonPath.startsWith("$") ? jsonPath.substring(1) : jsonPath;
    StringBuilder sb = new StringBuilder();
    for (String part : p.replace("[", ".").replace("]", "").split("\\.")) {
      if (!part.isEmpty()) {
        sb.append('/').append(part.replace("~", "~0").replace("/", "~1"));
      }
    }
    return JsonPointer.compile(sb.toString());
  }

  private static Object value(String text) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      return text.equals("true") || text.equals("false") ? (Object) Boolean.parseBoolean(text) : text;
    }
  }

  private static String run(List<String> argv, String address, Duration timeout) throws InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
    int colon = address.lastIndexOf(':');
    Map<String, String> env = pb.environment();
    env.put("ADDRESS", address);
    env.put("HOST", address.substring(0, colon));
    env.put("PORT", address.substring(colon + 1));
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new MeasurementException("Tried to run " + argv + " but failed because: " + e.getMessage(), false);
    }
    java.util.concurrent.CompletableFuture<byte[]> output = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      try (InputStream in = p.getInputStream()) {
        byte[] head = in.readNBytes(MAX_OUTPUT);
        in.transferTo(java.io.OutputStream.nullOutputStream());
        return head;
      } catch (IOException e) {
        return new byte[0];
      }
    });
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new MeasurementException("Tried to run " + argv + " but failed because: it ran longer than " + timeout, false);
      }
      String text;
      try {
        text = new String(output.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS), StandardCharsets.UTF_8);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        text = "";
      }
      if (p.exitValue() != 0) {
        throw new MeasurementException(argv.get(0) + " exited " + p.exitValue() + ": "
            + text.strip().lines().reduce((a, b) -> b).orElse(""), true);
      }
      return text;
    } finally {
      p.destroyForcibly();
    }
  }
}
