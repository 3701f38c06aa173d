package io.drydock.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The hash chain of the audit log (pure). Each event's hash is SHA-256 over the previous event's hash and the
 * event's own fields, length-prefixed so no two different events hash alike; the first event's previous hash is
 * {@link #GENESIS}. {@link #verify} walks rows in sequence order and names every break: an edited row no longer
 * matches its hash, a deleted row leaves a gap in the sequence and a previous-hash mismatch, reordered rows break
 * the previous-hash links. A deleted tail is only visible against a head hash kept elsewhere ({@code expectedHead}).
 */
public final class AuditChain {
  public static final String GENESIS = "0".repeat(64);

  private AuditChain() {}

  /** The stored fields of one event row. */
  public record Row(long seq, long atMs, String actor, @Nullable String reason, String type, String body,
      String prevHash, String hash) {}

  /** One break in the chain. */
  public record Problem(long seq, String what) {}

  public static String hash(String prevHash, long seq, long atMs, String actor, @Nullable String reason, String type,
      String body) {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    for (String part : new String[] {prevHash, Long.toString(seq), Long.toString(atMs), actor,
        reason == null ? "\u0000" : reason, type, body}) {
      byte[] b = part.getBytes(StandardCharsets.UTF_8);
      md.update((b.length + ":").getBytes(StandardCharsets.US_ASCII));
      md.update(b);
    }
    return HexFormat.of().formatHex(md.digest());
  }

  public static String hash(Row r) {
    return hash(r.prevHash(), r.seq(), r.atMs(), r.actor(), r.reason(), r.type(), r.body());
  }

  /** Every break in {@code rows} (in stored sequence order); empty when the chain is intact. */
  public static List<Problem> verify(Iterable<Row> rows, @Nullable String expectedHead) {
    List<Problem> problems = new ArrayList<>();
    String prev = GENESIS;
    long expectedSeq = 1;
    for (Row r : rows) {
      if (r.seq() != expectedSeq) {
        problems.add(new Problem(r.seq(), r.seq() > expectedSeq
            ? "events " + expectedSeq + ".." + (r.seq() - 1) + " are missing"
            : "sequence goes back (expected " + expectedSeq + ")"));
      }
      if (!r.prevHash().equals(prev)) {
        problems.add(new Problem(r.seq(), "previous-hash link broken (deleted, inserted or reordered event)"));
      }
      if (!hash(r).equals(r.hash())) {
        problems.add(new Problem(r.seq(), "content does not match its hash (edited event)"));
      }
      prev = r.hash();
      expectedSeq = r.seq() + 1;
    }
    if (expectedHead != null && !expectedHead.equals(prev)) {
      problems.add(new Problem(expectedSeq - 1, "head is " + prev + ", expected " + expectedHead
          + " (events after it were removed, or the chain was rewritten)"));
    }
    return problems;
  }
}
