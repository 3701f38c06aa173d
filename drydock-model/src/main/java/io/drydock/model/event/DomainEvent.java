package io.drydock.model.event;

/**
 * Something that happened to an image, a finding or a service, in typed fields: the facts the ledger records and
 * reports and metrics are computed from. Each stage has its own sealed group of records (one file per group, the
 * records nested in it); a new stage adds its group here.
 *
 * <p>Rules for every record in a group: fields are values (strings, numbers, {@code Instant}s, model records,
 * lists and maps of them), never handles; nothing secret; enough to be read on its own years later (the image by
 * digest, the service by name, the revision by number). Time and actor are added by whoever records the event,
 * not carried here.
 */
public sealed interface DomainEvent extends Event permits ScanEvent, RolloutEvent, LedgerEvent {

  /** One line for a human, as the CLI prints it ("web: r2 is stable"). */
  String summary();
}
