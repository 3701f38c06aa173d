package io.drydock.image.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Docker token service for distribution's {@code auth.token}: checks Basic credentials and answers an RS256
 * JWT whose {@code x5c} header carries the certificate the registry trusts ({@code rootcertbundle}).
 */
final class TokenServer implements AutoCloseable {
  static final String SERVICE = "drydock-test-registry";
  static final String ISSUER = "drydock-test-issuer";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
  private final HttpServer server;
  private final TestCerts certs;
  private final String user;
  private final String password;
  final AtomicInteger issued = new AtomicInteger();

  TokenServer(TestCerts certs, String user, String password) throws IOException {
    this.certs = certs;
    this.user = user;
    this.password = password;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/token", exchange -> {
      try (exchange) {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        String subject = "";
        if (auth != null) {
          String decoded = auth.startsWith("Basic ")
              ? new String(Base64.getDecoder().decode(auth.substring(6)), StandardCharsets.UTF_8) : "";
          if (!decoded.equals(user + ":" + password)) {
            exchange.sendResponseHeaders(401, -1);
            return;
          }
          subject = user;
        }
        List<String> scopes = new ArrayList<>();
        String query = exchange.getRequestURI().getRawQuery();
        for (String pair : query == null ? new String[0] : query.split("&")) {
          String[] kv = pair.split("=", 2);
          if (kv[0].equals("scope") && kv.length == 2) {
            scopes.add(URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
          }
        }
        byte[] body = JSON.writeValueAsBytes(JSON.createObjectNode()
            .put("token", jwt(subject, subject.isEmpty() ? List.of() : scopes)).put("expires_in", 300)
            .put("issued_at", Instant.now().toString()));
        issued.incrementAndGet();
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    });
    server.start();
  }

  String realm() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
  }

  private String jwt(String subject, List<String> scopes) throws IOException {
    ObjectNode header = JSON.createObjectNode().put("typ", "JWT").put("alg", "RS256");
    header.putArray("x5c").add(certs.certificateBase64Der());
    long now = Instant.now().getEpochSecond();
    ObjectNode claims = JSON.createObjectNode().put("iss", ISSUER).put("sub", subject).put("aud", SERVICE)
        .put("exp", now + 300).put("nbf", now - 10).put("iat", now - 10).put("jti", UUID.randomUUID().toString());
    ArrayNode access = claims.putArray("access");
    for (String scope : scopes) {
      for (String one : scope.split(" ")) {
        String[] parts = one.split(":");
        if (parts.length == 3) {
          ObjectNode entry = access.addObject().put("type", parts[0]).put("name", parts[1]);
          ArrayNode actions = entry.putArray("actions");
          for (String action : parts[2].split(",")) {
            actions.add(action);
          }
        }
      }
    }
    String signingInput = B64URL.encodeToString(JSON.writeValueAsBytes(header)) + "."
        + B64URL.encodeToString(JSON.writeValueAsBytes(claims));
    try {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initSign(certs.keyPair().getPrivate());
      rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + B64URL.encodeToString(rsa.sign());
    } catch (GeneralSecurityException e) {
      throw new IOException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
