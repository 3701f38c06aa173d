package io.drydock.router.haproxy;

import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * HAProxy's Runtime API on a unix socket: one command per connection (non-interactive mode), the answer is
 * everything HAProxy writes before it closes the connection. Bounded in time and size.
 */
final class RuntimeApi {
  static final int MAX_REPLY_BYTES = 32 * 1024 * 1024;
  private final Path socket;
  private final Duration timeout;

  RuntimeApi(Path socket, Duration timeout) {
    this.socket = socket;
    this.timeout = timeout;
  }

  Path socket() {
    return socket;
  }

  static String unreachableMessage(Path socket, String why) {
    return "Tried to connect to HAProxy's Runtime API at " + socket + " but failed because: " + why
        + " (is HAProxy running with `stats socket " + socket + " level admin`?)";
  }

  /** Sends one command and returns HAProxy's whole answer. */
  String execute(String command) {
    if (command.indexOf('\n') >= 0 || command.indexOf('\r') >= 0 || command.indexOf(';') >= 0) {
      throw new IllegalArgumentException("a Runtime API command is one line without ';': " + command);
    }
    if (!Files.exists(socket)) {
      throw new DrydockException(ErrorKind.UNREACHABLE, unreachableMessage(socket, "no such socket"));
    }
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      try {
        channel.connect(UnixDomainSocketAddress.of(socket));
      } catch (IOException e) {
        throw new DrydockException(ErrorKind.UNREACHABLE, unreachableMessage(socket, oneLine(e)), e);
      }
      ByteBuffer out = StandardCharsets.UTF_8.encode(command + "\n");
      while (out.hasRemaining()) {
        channel.write(out);
      }
      channel.configureBlocking(false);
      return readAll(channel, command);
    } catch (IOException e) {
      throw new DrydockException(ErrorKind.UNREACHABLE,
          "Tried to run HAProxy command `" + command + "` on " + socket + " but failed because: " + oneLine(e), e);
    }
  }

  private String readAll(SocketChannel channel, String command) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    java.io.ByteArrayOutputStream reply = new java.io.ByteArrayOutputStream();
    try (Selector selector = Selector.open()) {
      channel.register(selector, SelectionKey.OP_READ);
      while (true) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new DrydockException(ErrorKind.UNREACHABLE, "Tried to run HAProxy command `" + command + "` on " + socket
              + " but failed because: no complete answer within " + timeout.toMillis() + " ms");
        }
        selector.select(Math.max(1, left / 1_000_000));
        selector.selectedKeys().clear();
        int n = channel.read(buffer);
        if (n < 0) {
          return reply.toString(StandardCharsets.UTF_8);
        }
        if (n > 0) {
          if (reply.size() + n > MAX_REPLY_BYTES) {
            throw new DrydockException(ErrorKind.INVALID_INPUT, "Tried to run HAProxy command `" + command
                + "` but failed because: the answer is larger than " + MAX_REPLY_BYTES + " bytes");
          }
          reply.write(buffer.array(), 0, buffer.position());
          buffer.clear();
        }
      }
    }
  }

  static String oneLine(Throwable e) {
    String m = e.getMessage();
    if (m == null || m.isBlank()) {
      m = e.getClass().getSimpleName();
    }
    return m.replaceAll("\\s*[\\r\\n]+\\s*", " / ").strip();
  }
}
