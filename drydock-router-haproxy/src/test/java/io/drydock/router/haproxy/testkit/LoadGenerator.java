package io.drydock.router.haproxy.testkit;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * An open-loop HTTP/1.1 load generator for tests and benchmarks, loopback only. Requests are due at a fixed
 * rate; worker threads take the next due slot, wait for it, send, and record the latency from the due time
 * (so a stall of the server shows in the percentiles instead of slowing the load down). Every non-2xx answer
 * and every I/O error is a failure. A small HTTP client of its own (not java.net.http) so that keep-alive versus
 * fresh connections is under the test's control and each answer's {@code X-Version} is read.
 *
 * <pre>{@code
 * try (LoadGenerator load = LoadGenerator.start(LoadSpec.of(port, 500, Duration.ofSeconds(30))
 *     .withConnections(16, LoadSpec.ConnectionMode.MIXED).withPosts(0.2, 512))) {
 *   ... switch traffic ...
 *   LoadReport report = load.stop();          // or load.awaitCompletion()
 *   assertThat(report.failures()).isZero();
 * }
 * }</pre>
 */
public final class LoadGenerator implements AutoCloseable {
  private static final int MAX_HEADER_BYTES = 64 * 1024;
  private static final int MAX_BODY_BYTES = 1 << 20;
  private static final int MAX_SAMPLES = 1000;

  private final LoadSpec spec;
  private final long startNanos;
  private final long endNanos;
  private final long periodNanos;
  private final long capacity;
  private final AtomicLong nextSlot = new AtomicLong();
  private final AtomicInteger recorded = new AtomicInteger();
  private final long[] due;
  private final int[] latencyMicros;
  private final byte[] version;
  private final List<String> versions = new CopyOnWriteArrayList<>();
  private final ConcurrentHashMap<String, Byte> versionIndex = new ConcurrentHashMap<>();
  private final AtomicLong failures = new AtomicLong();
  private final List<LoadReport.Failure> samples = new CopyOnWriteArrayList<>();
  private final List<Thread> workers = new ArrayList<>();
  private final byte[] postBody;
  private volatile boolean stopping;
  private volatile long stoppedAt = -1;

  private LoadGenerator(LoadSpec spec) {
    this.spec = spec;
    this.capacity = spec.capacity();
    this.due = new long[(int) capacity];
    this.latencyMicros = new int[(int) capacity];
    this.version = new byte[(int) capacity];
    this.periodNanos = 1_000_000_000L / spec.ratePerSecond();
    this.postBody = new byte[spec.postBodyBytes()];
    Arrays.fill(postBody, (byte) 'x');
    this.startNanos = now() + 20_000_000L; // let the workers connect first
    this.endNanos = startNanos + spec.duration().toNanos();
  }

  /** The clock of all times in reports. */
  public static long now() {
    return System.nanoTime();
  }

  public static LoadGenerator start(LoadSpec spec) {
    LoadGenerator g = new LoadGenerator(spec);
    for (int i = 0; i < spec.connections(); i++) {
      Thread t = new Thread(g::work, "load-" + i);
      t.setDaemon(true);
      g.workers.add(t);
      t.start();
    }
    return g;
  }

  /** Waits until the duration passed or the count was sent, then reports. */
  public LoadReport awaitCompletion() throws InterruptedException {
    for (Thread t : workers) {
      t.join();
    }
    return report();
  }

  /** Stops sending now, waits for requests in flight, and reports. */
  public LoadReport stop() throws InterruptedException {
    if (stoppedAt < 0) {
      stoppedAt = now();
    }
    stopping = true;
    return awaitCompletion();
  }

  /** Requests completed so far. */
  public long completed() {
    return recorded.get();
  }

  public long failuresSoFar() {
    return failures.get();
  }

  private LoadReport report() {
    long end = stoppedAt > 0 ? Math.min(stoppedAt, endNanos) : endNanos;
    int n = Math.min(recorded.get(), (int) capacity);
    return new LoadReport(spec, startNanos, end, n, due, latencyMicros, version, versions, failures.get(), samples);
  }

  @Override
  public void close() {
    stopping = true;
    for (Thread t : workers) {
      t.interrupt();
    }
  }

  private void work() {
    Connection keepAlive = null;
    try {
      while (!stopping) {
        long slot = nextSlot.getAndIncrement();
        if (slot >= capacity) {
          return;
        }
        long dueAt = startNanos + slot * periodNanos;
        if (dueAt >= endNanos) {
          return;
        }
        while (true) {
          long wait = dueAt - now();
          if (wait <= 0 || stopping) {
            break;
          }
          LockSupport.parkNanos(wait);
          if (Thread.interrupted()) {
            return;
          }
        }
        if (stopping) {
          return;
        }
        boolean fresh = switch (spec.mode()) {
          case KEEP_ALIVE -> false;
          case FRESH -> true;
          case MIXED -> slot % 2 == 1;
        };
        boolean post = Math.floor((slot + 1) * spec.postFraction()) > Math.floor(slot * spec.postFraction());
        String failure = null;
        String answeredBy = null;
        Connection c = null;
        try {
          if (fresh) {
            c = Connection.open(spec);
          } else {
            if (keepAlive == null) {
              keepAlive = Connection.open(spec);
            }
            c = keepAlive;
          }
          Response r = c.exchange(spec, post ? postBody : null, fresh);
          if (r.status < 200 || r.status > 299) {
            failure = "status " + r.status + (r.version == null ? "" : " from " + r.version);
          } else {
            answeredBy = r.version == null ? "?" : r.version;
          }
          if (fresh || r.close) {
            c.close();
            if (c == keepAlive) {
              keepAlive = null;
            }
          }
        } catch (IOException e) {
          failure = (fresh ? "fresh" : "keep-alive") + " " + (post ? "POST" : "GET") + ": " + e;
          if (c != null) {
            c.close();
          }
          if (c == keepAlive) {
            keepAlive = null;
          }
        }
        record(dueAt, now(), answeredBy, failure);
      }
    } finally {
      if (keepAlive != null) {
        keepAlive.close();
      }
    }
  }

  private void record(long dueAt, long doneAt, @Nullable String answeredBy, @Nullable String failure) {
    int i = recorded.getAndIncrement();
    if (i >= capacity) {
      return;
    }
    due[i] = dueAt;
    latencyMicros[i] = (int) Math.min(Integer.MAX_VALUE, (doneAt - dueAt) / 1000);
    if (failure != null) {
      failures.incrementAndGet();
      if (samples.size() < MAX_SAMPLES) {
        samples.add(new LoadReport.Failure(dueAt, failure));
      }
      version[i] = 0;
    } else {
      version[i] = versionIndex.computeIfAbsent(answeredBy, v -> {
        synchronized (versions) {
          if (versions.size() >= 250) {
            return (byte) 0;
          }
          versions.add(v);
          return (byte) versions.size();
        }
      });
    }
  }

  private record Response(int status, @Nullable String version, boolean close) {}

  private static final class Connection {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private Connection(Socket socket) throws IOException {
      this.socket = socket;
      this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
      this.out = socket.getOutputStream();
    }

    static Connection open(LoadSpec spec) throws IOException {
      Socket s = new Socket();
      try {
        s.setTcpNoDelay(true);
        s.setSoTimeout((int) spec.requestTimeout().toMillis());
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), spec.port()), (int) spec.requestTimeout().toMillis());
        return new Connection(s);
      } catch (IOException e) {
        s.close();
        throw e;
      }
    }

    Response exchange(LoadSpec spec, byte @Nullable [] body, boolean close) throws IOException {
      StringBuilder req = new StringBuilder(160)
          .append(body == null ? "GET " : "POST ").append(spec.path()).append(" HTTP/1.1\r\n")
          .append("Host: 127.0.0.1:").append(spec.port()).append("\r\n")
          .append("User-Agent: drydock-load\r\n");
      if (close) {
        req.append("Connection: close\r\n");
      }
      if (body != null) {
        req.append("Content-Type: application/octet-stream\r\nContent-Length: ").append(body.length).append("\r\n");
      }
      req.append("\r\n");
      out.write(req.toString().getBytes(StandardCharsets.US_ASCII));
      if (body != null) {
        out.write(body);
      }
      out.flush();
      return read();
    }

    private Response read() throws IOException {
      String status = line();
      if (!status.startsWith("HTTP/1.")) {
        throw new IOException("not an HTTP response: '" + status + "'");
      }
      int code = Integer.parseInt(status.substring(9, 12));
      long length = -1;
      boolean chunked = false;
      boolean close = status.startsWith("HTTP/1.0");
      String ver = null;
      int headerBytes = 0;
      while (true) {
        String h = line();
        headerBytes += h.length();
        if (headerBytes > MAX_HEADER_BYTES) {
          throw new IOException("headers larger than " + MAX_HEADER_BYTES);
        }
        if (h.isEmpty()) {
          break;
        }
        int colon = h.indexOf(':');
        if (colon < 0) {
          continue;
        }
        String name = h.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        String value = h.substring(colon + 1).strip();
        switch (name) {
          case "content-length" -> length = Long.parseLong(value);
          case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
          case "connection" -> close = value.equalsIgnoreCase("close") || (close && !value.equalsIgnoreCase("keep-alive"));
          case "x-version" -> ver = value;
          default -> { }
        }
      }
      if (chunked) {
        while (true) {
          String size = line();
          int semi = size.indexOf(';');
          long n = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).strip(), 16);
          if (n == 0) {
            while (!line().isEmpty()) {
              // trailers
            }
            break;
          }
          skip(n);
          line();
        }
      } else if (length >= 0) {
        skip(length);
      } else {
        close = true;
        skip(MAX_BODY_BYTES); // body until the server closes
      }
      return new Response(code, ver, close);
    }

    private void skip(long n) throws IOException {
      if (n > MAX_BODY_BYTES) {
        throw new IOException("body larger than " + MAX_BODY_BYTES);
      }
      long left = n;
      while (left > 0) {
        long skipped = in.skip(left);
        if (skipped <= 0) {
          if (in.read() < 0) {
            if (n == MAX_BODY_BYTES) {
              return;
            }
            throw new EOFException("connection closed inside the body");
          }
          skipped = 1;
        }
        left -= skipped;
      }
    }

    private String line() throws IOException {
      StringBuilder sb = new StringBuilder();
      while (true) {
        int b = in.read();
        if (b < 0) {
          throw new EOFException(sb.length() == 0 ? "connection closed before a response" : "connection closed inside a line");
        }
        if (b == '\n') {
          int len = sb.length();
          return len > 0 && sb.charAt(len - 1) == '\r' ? sb.substring(0, len - 1) : sb.toString();
        }
        if (sb.length() > MAX_HEADER_BYTES) {
          throw new IOException("line longer than " + MAX_HEADER_BYTES);
        }
        sb.append((char) b);
      }
    }

    void close() {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing
      }
    }
  }
}
