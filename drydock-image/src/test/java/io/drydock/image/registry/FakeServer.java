package io.drydock.image.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A tiny HTTPS server on 127.0.0.1 (self-signed; the client trusts loopback) that records what it was asked. */
final class FakeServer implements AutoCloseable {
  private static final TestCerts CERTS = TestCerts.generate("127.0.0.1");
  private final HttpsServer server;
  final List<Recorded> requests = new CopyOnWriteArrayList<>();

  record Recorded(String method, String uri, @org.jspecify.annotations.Nullable String authorization, String accept) {}

  FakeServer(HttpHandler handler) throws IOException {
    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(CERTS.serverContext()));
    server.createContext("/", exchange -> {
      requests.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
          exchange.getRequestHeaders().getFirst("Authorization"),
          String.valueOf(exchange.getRequestHeaders().getFirst("Accept"))));
      try (exchange) {
        handler.handle(exchange);
      }
    });
    server.start();
  }

  String authority() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  static void respond(HttpExchange ex, int status, Map<String, String> headers, byte[] body) throws IOException {
    headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
    boolean head = ex.getRequestMethod().equals("HEAD");
    ex.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
    if (!head && body.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
