package io.drydock.rollout.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.drydock.model.Digest;
import io.drydock.model.ImageRef;
import io.drydock.rollout.control.RolloutState.Phase;
import io.drydock.rollout.plan.Revision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The grouped state is still written, and read, in the flat shape state files had before it was grouped. */
class StateStoreTest {
  static final Digest D1 = Digest.parse("sha256:" + "1".repeat(64));
  static final Digest D2 = Digest.parse("sha256:" + "2".repeat(64));

  @TempDir Path dir;

  @Test
  void groupedStateIsWrittenFlatAndReadBack() throws Exception {
    StateStore store = StateStore.of(dir, "web", Map.of());
    Revision r1 = new Revision(1, ImageRef.parse("localhost/app:1"), D1);
    Revision r2 = new Revision(2, ImageRef.parse("localhost/app:2"), D2);
    RolloutState s = RolloutState.initial("web").withRevisions(r1, null, null, null).with(Phase.HEALTHY)
        .startRollout(r2).withStep(2, 30).withPause(Phase.PAUSED, Instant.parse("2026-01-01T00:00:00Z"), "pausing 8s")
        .record(r2, Instant.parse("2026-01-01T00:00:00Z"), "started", null);
    store.save(s);

    String json = Files.readString(dir.resolve("web").resolve("state.json"));
    assertThat(json).doesNotContain("\"revisions\"", "\"progress\"")
        .contains("\n  \"stable\" : {", "\n  \"canary\" : {", "\n  \"phase\" : \"PAUSED\"", "\n  \"stepIndex\" : 2",
            "\n  \"canaryWeight\" : 30", "\n  \"message\" : \"pausing 8s\"", "\n  \"nextRevision\" : 3");
    assertThat(store.load("web")).isEqualTo(s);
  }

  @Test
  void aFlatFileWithoutRevisionsReadsAsNone() throws Exception {
    Files.createDirectories(dir.resolve("web"));
    Files.writeString(dir.resolve("web").resolve("state.json"), """
        {"schema": 1, "service": "web", "phase": "NEW", "stepIndex": 0, "canaryWeight": 0, "smokePassed": false,
         "nextRevision": 4, "history": []}
        """);
    RolloutState s = StateStore.of(dir, "web", Map.of()).load("web");
    assertThat(s.stable()).isNull();
    assertThat(s.phase()).isEqualTo(Phase.NEW);
    assertThat(s.nextRevision()).isEqualTo(4);
  }
}
