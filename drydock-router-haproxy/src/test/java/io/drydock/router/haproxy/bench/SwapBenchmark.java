package io.drydock.router.haproxy.bench;

import io.drydock.router.haproxy.HaproxyConfig;
import io.drydock.router.haproxy.HaproxyProcess;
import io.drydock.router.haproxy.HaproxyRouter;
import io.drydock.router.haproxy.testkit.BlueGreenSwap;
import io.drydock.router.haproxy.testkit.LoadGenerator;
import io.drydock.router.haproxy.testkit.LoadReport;
import io.drydock.router.haproxy.testkit.LoadSpec;
import io.drydock.router.haproxy.testkit.TestApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.HdrHistogram.Histogram;

/**
 * Blue/green swap benchmark through HAProxy, run by {@code bench/rollout.sh}. In one run and one load stream it
 * measures: a baseline straight to the app, a baseline through HAProxy without swaps, then N swaps; and prints the
 * switch time (green's check passed → every new request answered by green), failed requests over the swaps, and
 * p50/p99 during swaps against the baselines (ratio and difference).
 *
 * <p>Arguments: {@code --rate N} (default 500), {@code --swaps N} (10), {@code --steady-seconds N} (10),
 * {@code --connections N} (16), {@code --mode KEEP_ALIVE|FRESH|MIXED} (MIXED), {@code --post-fraction F} (0.25).
 */
public final class SwapBenchmark {
  private SwapBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rate = intArg(args, "--rate", 500);
    int swaps = intArg(args, "--swaps", 10);
    int steady = intArg(args, "--steady-seconds", 10);
    int connections = intArg(args, "--connections", 16);
    LoadSpec.ConnectionMode mode = LoadSpec.ConnectionMode.valueOf(arg(args, "--mode", "MIXED"));
    double posts = Double.parseDouble(arg(args, "--post-fraction", "0.25"));

    Path dir = Files.createDirectories(Path.of("target", "hx-bench-" + Long.toHexString(System.nanoTime() & 0xffffff)).toAbsolutePath());
    System.out.printf("drydock swap benchmark: %d req/s, %d connections %s, %.0f%% POST, %d swaps, %d s steady phases; %d CPUs%n",
        rate, connections, mode, posts * 100, swaps, steady, Runtime.getRuntime().availableProcessors());
    try (HaproxyProcess haproxy = HaproxyProcess.start(HaproxyConfig.of(dir.resolve("admin.sock"), TestApp.freePort()), dir,
        Duration.ofSeconds(10))) {
      HaproxyRouter router = haproxy.router();
      TestApp blue = TestApp.start(TestApp.freePort(), "v0", Map.of());
      try {
        // 1. straight to the app
        LoadReport direct = LoadGenerator.start(spec(blue.port(), rate, steady, connections, mode, posts)).awaitCompletion();

        // 2. through HAProxy, steady, then 3. swaps, in one load stream
        router.addServer("app", "v0", blue.address(), 100);
        if (!router.awaitUp("app", "v0", Duration.ofSeconds(15))) {
          throw new IllegalStateException("v0 never came up: " + router.stats("app"));
        }
        router.enable("app", "v0");
        List<BlueGreenSwap> done = new ArrayList<>();
        List<Long> blueStopped = new ArrayList<>();
        LoadReport load;
        long steadyFrom;
        long steadyTo;
        String blueName = "v0";
        long abortAt;
        long abortCalled;
        long canaryAddedAt;
        try (LoadGenerator generator = LoadGenerator.start(spec(haproxy.frontendPort(), rate, 3600, connections, mode, posts))) {
          Thread.sleep(500);
          steadyFrom = LoadGenerator.now();
          Thread.sleep(steady * 1000L);
          steadyTo = LoadGenerator.now();
          for (int i = 1; i <= swaps; i++) {
            TestApp green = TestApp.start(TestApp.freePort(), "v" + i, Map.of());
            done.add(BlueGreenSwap.run(router, "app", blueName, "v" + i, green.address(), Duration.ofSeconds(15)));
            blue.stop(Duration.ofSeconds(5));
            blueStopped.add(LoadGenerator.now());
            blue = green;
            blueName = "v" + i;
          }
          // 4. a canary at 20 % of new requests, then an abort: its weight to 0 and drain, as the controller does
          canaryAddedAt = LoadGenerator.now();
          TestApp canary = TestApp.start(TestApp.freePort(), "canary", Map.of());
          try {
            router.addServer("app", "canary", canary.address(), 25);
            if (!router.awaitUp("app", "canary", Duration.ofSeconds(15))) {
              throw new IllegalStateException("the canary never came up: " + router.stats("app"));
            }
            router.enable("app", "canary");
            Thread.sleep(3000);
            abortAt = LoadGenerator.now();
            router.setWeight("app", "canary", 0);
            router.drain("app", "canary");
            abortCalled = LoadGenerator.now();
            router.awaitNoConnections("app", "canary", Duration.ofSeconds(10));
            router.maintenance("app", "canary");
            router.removeServer("app", "canary");
          } finally {
            canary.close();
          }
          Thread.sleep(1000);
          load = generator.stop();
        }

        LoadReport through = load;
        Histogram viaHaproxy = through.latency(steadyFrom, steadyTo);
        Histogram during = new Histogram(3_600_000_000L, 3);
        long swapRequests = 0;
        long[] switchMs = new long[swaps];
        for (int i = 0; i < swaps; i++) {
          BlueGreenSwap s = done.get(i);
          long windowEnd = i + 1 < swaps ? done.get(i + 1).addedNanos() : canaryAddedAt;
          long sw = through.switchNanos("v" + (i + 1), s.readyNanos(), windowEnd);
          switchMs[i] = sw < 0 ? -1 : sw / 1_000_000;
          Histogram h = through.latency(s.readyNanos(), s.removedNanos() + 500_000_000L);
          during.add(h);
          swapRequests += h.getTotalCount();
        }
        long swapFailures = through.failureSamples().stream()
            .filter(f -> f.dueNanos() >= done.get(0).addedNanos()).count();

        row("baseline, straight to the app", direct.latency(), direct.failures());
        row("baseline, through HAProxy", viaHaproxy, -1);
        row("during swaps (green ready .. blue deleted + 0.5 s)", during, -1);
        System.out.printf("  p50 during swaps vs HAProxy baseline: x%.2f (%+.2f ms); p99: x%.2f (%+.2f ms)%n",
            ratio(during, viaHaproxy, 50), diff(during, viaHaproxy, 50), ratio(during, viaHaproxy, 99), diff(during, viaHaproxy, 99));
        System.out.printf("  p50 HAProxy baseline vs straight to the app: x%.2f (%+.2f ms); p99: x%.2f (%+.2f ms)%n",
            ratio(viaHaproxy, direct.latency(), 50), diff(viaHaproxy, direct.latency(), 50),
            ratio(viaHaproxy, direct.latency(), 99), diff(viaHaproxy, direct.latency(), 99));
        long[] sorted = switchMs.clone();
        Arrays.sort(sorted);
        System.out.printf("switch time (green ready -> every new request on green): median %d ms, max %d ms; per swap %s ms%n",
            sorted[swaps / 2], sorted[swaps - 1], Arrays.toString(switchMs));
        printMedian("green added -> health check UP", done, s -> s.readyNanos() - s.addedNanos());
        printMedian("router calls enable + drain", done, s -> s.switchedNanos() - s.readyNanos());
        printMedian("blue drained -> no connection", done, s -> s.blueIdleNanos() - s.switchedNanos());
        System.out.printf("failed requests over %d swaps: %d of %d in the swap windows (total run: %d of %d, %.0f req/s achieved)%n",
            swaps, swapFailures, swapRequests, through.failures(), through.requests(), through.achievedRate());
        long abortNanos = through.switchNanos(blueName, abortAt, through.endNanos());
        System.out.printf("abort time (abort called -> every new request on stable): %d ms (router calls %.1f ms); canary got %s%n",
            abortNanos < 0 ? -1 : abortNanos / 1_000_000, (abortCalled - abortAt) / 1e6,
            through.byVersion(steadyTo, through.endNanos()).getOrDefault("canary", 0L) + " requests");
        through.failureSamples().stream().limit(10).forEach(f -> System.out.println("  failure: " + f.what() + " " + when(f.dueNanos(), done, blueStopped)));
      } finally {
        blue.close();
      }
    }
  }

  /** Where a failure fell: the closest swap event before its due time. */
  private static String when(long due, List<BlueGreenSwap> swaps, List<Long> blueStopped) {
    String best = "before the swaps";
    long bestGap = Long.MAX_VALUE;
    for (int i = 0; i < swaps.size(); i++) {
      BlueGreenSwap s = swaps.get(i);
      long[] t = {s.addedNanos(), s.readyNanos(), s.switchedNanos(), s.blueIdleNanos(), s.removedNanos(), blueStopped.get(i)};
      String[] names = {"green added", "green ready", "switched", "blue idle", "blue deleted", "blue process stopped"};
      for (int k = 0; k < t.length; k++) {
        long gap = due - t[k];
        if (gap >= 0 && gap < bestGap) {
          bestGap = gap;
          best = String.format("(due %.1f ms after swap %d: %s)", gap / 1e6, i + 1, names[k]);
        }
      }
    }
    return best;
  }

  private static LoadSpec spec(int port, int rate, int seconds, int connections, LoadSpec.ConnectionMode mode, double posts) {
    return LoadSpec.of(port, rate, Duration.ofSeconds(seconds)).withConnections(connections, mode).withPosts(posts, 1024);
  }

  private static void row(String what, Histogram h, long failures) {
    System.out.printf("%-52s n=%6d  p50 %7.2f ms  p99 %7.2f ms  p99.9 %7.2f ms  max %7.2f ms%s%n", what, h.getTotalCount(),
        ms(h, 50), ms(h, 99), ms(h, 99.9), h.getMaxValue() / 1000.0, failures < 0 ? "" : "  failed " + failures);
  }

  private static void printMedian(String what, List<BlueGreenSwap> swaps, ToLongFunction<BlueGreenSwap> f) {
    long[] v = swaps.stream().mapToLong(f).sorted().toArray();
    System.out.printf("%s: median %.1f ms, max %.1f ms%n", what, v[v.length / 2] / 1e6, v[v.length - 1] / 1e6);
  }

  private static double ms(Histogram h, double p) {
    return h.getValueAtPercentile(p) / 1000.0;
  }

  private static double ratio(Histogram a, Histogram b, double p) {
    return (double) a.getValueAtPercentile(p) / Math.max(1, b.getValueAtPercentile(p));
  }

  private static double diff(Histogram a, Histogram b, double p) {
    return ms(a, p) - ms(b, p);
  }

  private static String arg(String[] args, String name, String dflt) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return dflt;
  }

  private static int intArg(String[] args, String name, int dflt) {
    return Integer.parseInt(arg(args, name, Integer.toString(dflt)));
  }
}
