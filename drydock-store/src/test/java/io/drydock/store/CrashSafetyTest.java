package io.drydock.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** kill -9 of a process in the middle of appending: every committed event survives, the chain stays intact. */
class CrashSafetyTest {
  @TempDir Path dir;

  static java.util.stream.Stream<String> backends() {
    return Backends.names();
  }

  @ParameterizedTest
  @MethodSource("backends")
  void committedEventsSurviveKillMinus9(String backend) throws Exception {
    String db = Backends.fresh(backend, dir);
    Ledger.open(db, Clock.systemUTC()).close(); // migrate first, so the child only appends
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), CrashWriter.class.getName(), db).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    long lastCommitted = 0;
    try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        lastCommitted = Long.parseLong(line.strip());
        if (lastCommitted >= 60) {
          child.destroyForcibly(); // SIGKILL, while the next transaction is under way
          break;
        }
      }
    } finally {
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(lastCommitted).as("the child appended").isGreaterThanOrEqualTo(60);
    try (Ledger l = Ledger.open(db, Clock.systemUTC())) {
      List<Recorded> events = l.events();
      assertThat(events.size()).as("every committed event is there").isGreaterThanOrEqualTo((int) lastCommitted);
      assertThat(events.size() % 2).as("a transaction is all or nothing").isZero();
      assertThat(l.verify(null)).isEmpty();
      l.append("after", null, new io.drydock.model.event.LedgerEvent.Approved("resume", "after", "ok"));
      assertThat(l.verify(null)).isEmpty();
    }
  }
}
