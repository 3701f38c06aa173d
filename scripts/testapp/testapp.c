/*
 * drydock test HTTP/1.1 server: the app the rollout and router tests deploy.
 *
 * One thread per connection, keep-alive, GET/HEAD/POST (POST bodies are read by Content-Length).
 * Environment:
 *   PORT        port to listen on (default 8080), bound to BIND (default 127.0.0.1)
 *   VERSION     returned by GET / as {"version":"...", ...} (default "1")
 *   ERROR_RATE  fraction 0..1 of non-health requests answered with 500 (default 0)
 *   LATENCY_MS  delay added to every non-health request (default 0)
 *   HEALTHY     "false" makes /healthz answer 503 forever (default true)
 * SIGTERM/SIGINT: stop accepting at once, let in-flight requests finish (their responses carry
 * "Connection: close"), close idle keep-alive connections, exit 0 when none is left (at most 30 s).
 *
 * Build: gcc -O2 -static -pthread -o testapp testapp.c
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BUF_SIZE 16384
#define MAX_BODY (1 << 20)

static const char *version = "1";
static double error_rate = 0.0;
static int latency_ms = 0;
static int healthy = 1;
static int listen_fd = -1;
static volatile sig_atomic_t stopping = 0;
static atomic_int active_connections = 0;
static atomic_long request_counter = 0;
static atomic_ulong rng_state = 88172645463325252UL;

static void on_term(int sig) {
  (void)sig;
  stopping = 1;
}

static double next_random(void) {
  /* xorshift64, shared and lock-free: good enough to spread errors over requests */
  unsigned long x = atomic_load(&rng_state), y;
  do {
    y = x;
    y ^= y << 13;
    y ^= y >> 7;
    y ^= y << 17;
  } while (!atomic_compare_exchange_weak(&rng_state, &x, y));
  return (double)(y >> 11) / (double)(1UL << 53);
}

static int write_all(int fd, const char *p, size_t n) {
  while (n > 0) {
    ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
    if (w < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    p += w;
    n -= (size_t)w;
  }
  return 0;
}

static int respond(int fd, int status, const char *reason, const char *body, int keep_alive, int head) {
  char hdr[512];
  size_t blen = strlen(body);
  int n = snprintf(hdr, sizeof hdr,
                   "HTTP/1.1 %d %s\r\nContent-Type: application/json\r\nContent-Length: %zu\r\n"
                   "X-Version: %s\r\nConnection: %s\r\n\r\n",
                   status, reason, blen, version, keep_alive ? "keep-alive" : "close");
  if (write_all(fd, hdr, (size_t)n) < 0) return -1;
  if (!head && write_all(fd, body, blen) < 0) return -1;
  return 0;
}

/* Finds a header value (case-insensitive name) in [headers, end); returns pointer or NULL. */
static const char *find_header(const char *headers, const char *end, const char *name, size_t *len) {
  size_t nlen = strlen(name);
  const char *line = headers;
  while (line < end) {
    const char *eol = memmem(line, (size_t)(end - line), "\r\n", 2);
    if (!eol) eol = end;
    if ((size_t)(eol - line) > nlen && strncasecmp(line, name, nlen) == 0 && line[nlen] == ':') {
      const char *v = line + nlen + 1;
      while (v < eol && (*v == ' ' || *v == '\t')) v++;
      *len = (size_t)(eol - v);
      return v;
    }
    line = eol + 2;
  }
  return NULL;
}

/* Waits until fd is readable; returns 1 readable, 0 when we are stopping and should give up, -1 error. */
static int wait_readable(int fd, int have_partial) {
  for (;;) {
    struct pollfd p = {.fd = fd, .events = POLLIN};
    int r = poll(&p, 1, 100);
    if (r > 0) return 1;
    if (r < 0 && errno != EINTR) return -1;
    if (stopping && !have_partial) return 0;
  }
}

static void *serve(void *arg) {
  int fd = (int)(long)arg;
  char *buf = malloc(BUF_SIZE);
  size_t have = 0;
  int keep_alive = 1;
  if (!buf) goto out;
  while (keep_alive) {
    /* read until end of headers */
    char *hend = NULL;
    while (!(hend = memmem(buf, have, "\r\n\r\n", 4))) {
      if (have == BUF_SIZE) goto out; /* headers too large */
      int w = wait_readable(fd, have > 0);
      if (w <= 0) goto out;
      ssize_t r = recv(fd, buf + have, BUF_SIZE - have, 0);
      if (r < 0 && errno == EINTR) continue;
      if (r <= 0) goto out;
      have += (size_t)r;
    }
    size_t header_len = (size_t)(hend - buf) + 4;
    char method[8] = {0}, path[256] = {0}, proto[16] = {0};
    if (sscanf(buf, "%7s %255s %15s", method, path, proto) != 3) {
      respond(fd, 400, "Bad Request", "{\"error\":\"bad request line\"}", 0, 0);
      goto out;
    }
    const char *hdrs = memchr(buf, '\n', header_len);
    hdrs = hdrs ? hdrs + 1 : buf + header_len;
    size_t vlen = 0;
    const char *v = find_header(hdrs, buf + header_len, "Content-Length", &vlen);
    long body_len = v ? strtol(v, NULL, 10) : 0;
    if (body_len < 0 || body_len > MAX_BODY) {
      respond(fd, 413, "Payload Too Large", "{\"error\":\"body too large\"}", 0, 0);
      goto out;
    }
    const char *conn = find_header(hdrs, buf + header_len, "Connection", &vlen);
    int http10 = strcmp(proto, "HTTP/1.0") == 0;
    if (conn && vlen >= 5 && strncasecmp(conn, "close", 5) == 0) keep_alive = 0;
    else if (http10 && !(conn && vlen >= 10 && strncasecmp(conn, "keep-alive", 10) == 0)) keep_alive = 0;

    /* consume the body (discarded), which may be partly in buf already */
    size_t after = have - header_len;
    size_t in_buf = after < (size_t)body_len ? after : (size_t)body_len;
    long remaining = body_len - (long)in_buf;
    memmove(buf, buf + header_len + in_buf, have - header_len - in_buf);
    have -= header_len + in_buf;
    while (remaining > 0) {
      char sink[4096];
      if (wait_readable(fd, 1) <= 0) goto out;
      ssize_t r = recv(fd, sink, remaining < (long)sizeof sink ? (size_t)remaining : sizeof sink, 0);
      if (r < 0 && errno == EINTR) continue;
      if (r <= 0) goto out;
      remaining -= r;
    }

    long n = atomic_fetch_add(&request_counter, 1) + 1;
    int head = strcmp(method, "HEAD") == 0;
    if (stopping) keep_alive = 0;
    char body[512];
    if (strcmp(path, "/healthz") == 0) {
      if (healthy) {
        if (respond(fd, 200, "OK", "{\"status\":\"ok\"}", keep_alive, head) < 0) goto out;
      } else if (respond(fd, 503, "Service Unavailable", "{\"status\":\"unhealthy\"}", keep_alive, head) < 0) {
        goto out;
      }
      continue;
    }
    if (strcmp(method, "GET") != 0 && strcmp(method, "POST") != 0 && !head) {
      if (respond(fd, 405, "Method Not Allowed", "{\"error\":\"method\"}", keep_alive, head) < 0) goto out;
      continue;
    }
    if (latency_ms > 0) {
      struct timespec ts = {.tv_sec = latency_ms / 1000, .tv_nsec = (long)(latency_ms % 1000) * 1000000L};
      while (nanosleep(&ts, &ts) < 0 && errno == EINTR) {
      }
    }
    if (error_rate > 0 && next_random() < error_rate) {
      snprintf(body, sizeof body, "{\"version\":\"%s\",\"error\":\"injected\"}", version);
      if (respond(fd, 500, "Internal Server Error", body, keep_alive, head) < 0) goto out;
      continue;
    }
    snprintf(body, sizeof body, "{\"version\":\"%s\",\"method\":\"%s\",\"bodyBytes\":%ld,\"request\":%ld}", version,
             method, body_len, n);
    if (respond(fd, 200, "OK", body, keep_alive, head) < 0) goto out;
  }
out:
  free(buf);
  close(fd);
  atomic_fetch_sub(&active_connections, 1);
  return NULL;
}

int main(void) {
  const char *e;
  int port = 8080;
  const char *bind_addr = "127.0.0.1";
  if ((e = getenv("PORT")) && *e) port = atoi(e);
  if ((e = getenv("BIND")) && *e) bind_addr = e;
  if ((e = getenv("VERSION")) && *e) version = e;
  if ((e = getenv("ERROR_RATE")) && *e) error_rate = atof(e);
  if ((e = getenv("LATENCY_MS")) && *e) latency_ms = atoi(e);
  if ((e = getenv("HEALTHY")) && strcasecmp(e, "false") == 0) healthy = 0;
  if (strlen(version) > 64) {
    fprintf(stderr, "testapp: VERSION longer than 64 characters\n");
    return 2;
  }
  rng_state = (unsigned long)time(NULL) ^ ((unsigned long)getpid() << 16) ^ 0x9E3779B97F4A7C15UL;

  struct sigaction sa = {0};
  sa.sa_handler = on_term;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGTERM, &sa, NULL);
  sigaction(SIGINT, &sa, NULL);
  signal(SIGPIPE, SIG_IGN);

  listen_fd = socket(AF_INET, SOCK_STREAM, 0);
  int one = 1;
  setsockopt(listen_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((unsigned short)port)};
  if (inet_pton(AF_INET, bind_addr, &addr.sin_addr) != 1) {
    fprintf(stderr, "testapp: BIND %s is not an IPv4 address\n", bind_addr);
    return 2;
  }
  if (bind(listen_fd, (struct sockaddr *)&addr, sizeof addr) < 0 || listen(listen_fd, 1024) < 0) {
    fprintf(stderr, "testapp: cannot listen on %s:%d: %s\n", bind_addr, port, strerror(errno));
    return 1;
  }
  fprintf(stderr, "testapp: version %s listening on %s:%d (error_rate=%.3f latency_ms=%d healthy=%s)\n", version,
          bind_addr, port, error_rate, latency_ms, healthy ? "true" : "false");

  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  pthread_attr_setstacksize(&attr, 256 * 1024);
  while (!stopping) {
    struct pollfd p = {.fd = listen_fd, .events = POLLIN};
    int r = poll(&p, 1, 100);
    if (r <= 0) continue;
    int fd = accept(listen_fd, NULL, NULL);
    if (fd < 0) continue;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    atomic_fetch_add(&active_connections, 1);
    pthread_t t;
    if (pthread_create(&t, &attr, serve, (void *)(long)fd) != 0) {
      close(fd);
      atomic_fetch_sub(&active_connections, 1);
    }
  }
  close(listen_fd);
  fprintf(stderr, "testapp: stopping, %d connection(s) in flight\n", atomic_load(&active_connections));
  for (int i = 0; i < 3000 && atomic_load(&active_connections) > 0; i++) usleep(10000);
  fprintf(stderr, "testapp: stopped after %ld request(s)\n", atomic_load(&request_counter));
  return 0;
}
