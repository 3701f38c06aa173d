package io.drydock.store;

import io.drydock.model.event.LedgerEvent;
import java.time.Clock;

/** Child JVM of {@link CrashSafetyTest}: appends events forever, printing each sequence number once it is committed. */
public final class CrashWriter {
  private CrashWriter() {}

  public static void main(String[] args) {
    try (Ledger l = Ledger.open(args[0], Clock.systemUTC())) {
      for (int i = 0; ; i++) {
        Recorded r = l.appendAll("crash", null, java.util.List.of(new LedgerEvent.Approved("s" + i, "crash", "a"),
            new LedgerEvent.Approved("s" + i, "crash", "b"))).get(1);
        System.out.println(r.seq());
        System.out.flush();
      }
    }
  }
}
