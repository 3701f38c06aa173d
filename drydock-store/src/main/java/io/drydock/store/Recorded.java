package io.drydock.store;

import io.drydock.model.event.DomainEvent;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One event as the ledger keeps it: who, when, why, the event itself and the chain hashes.
 *
 * @param type the record's type name ({@code ScanEvent.ScanCompleted}); the discriminator of {@code body}
 * @param event the decoded event, null when this build does not know {@code type} (a newer drydock wrote it)
 * @param digests every image digest the event names, sorted
 * @param body the event's JSON as stored and hashed
 */
public record Recorded(long seq, Instant at, String actor, @Nullable String reason, String type,
    @Nullable DomainEvent event, List<String> digests, String body, String prevHash, String hash) {
  public Recorded {
    digests = List.copyOf(digests);
  }
}
