package io.drydock.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AuditChainTest {

  static List<AuditChain.Row> chain(int n) {
    List<AuditChain.Row> rows = new ArrayList<>();
    String prev = AuditChain.GENESIS;
    for (int i = 1; i <= n; i++) {
      String body = "{\"n\":" + i + "}";
      String hash = AuditChain.hash(prev, i, 1000L * i, "alice", i % 2 == 0 ? null : "why", "T", body);
      rows.add(new AuditChain.Row(i, 1000L * i, "alice", i % 2 == 0 ? null : "why", "T", body, prev, hash));
      prev = hash;
    }
    return rows;
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("intact", (UnaryOperator<List<AuditChain.Row>>) r -> r, List.<String>of()),
        Arguments.of("edited body", edit(2, r -> new AuditChain.Row(r.seq(), r.atMs(), r.actor(), r.reason(), r.type(),
            "{\"n\":99}", r.prevHash(), r.hash())), List.of("3:edited")),
        Arguments.of("edited actor", edit(1, r -> new AuditChain.Row(r.seq(), r.atMs(), "mallory", r.reason(), r.type(),
            r.body(), r.prevHash(), r.hash())), List.of("2:edited")),
        Arguments.of("edited time", edit(4, r -> new AuditChain.Row(r.seq(), r.atMs() + 1, r.actor(), r.reason(), r.type(),
            r.body(), r.prevHash(), r.hash())), List.of("5:edited")),
        Arguments.of("edited and rehashed", (UnaryOperator<List<AuditChain.Row>>) rows -> {
          List<AuditChain.Row> out = new ArrayList<>(rows);
          AuditChain.Row r = out.get(1);
          AuditChain.Row forged = new AuditChain.Row(r.seq(), r.atMs(), r.actor(), r.reason(), r.type(), "{}", r.prevHash(), "");
          out.set(1, new AuditChain.Row(r.seq(), r.atMs(), r.actor(), r.reason(), r.type(), "{}", r.prevHash(),
              AuditChain.hash(forged)));
          return out;
        }, List.of("3:link")),
        Arguments.of("deleted", (UnaryOperator<List<AuditChain.Row>>) rows -> {
          List<AuditChain.Row> out = new ArrayList<>(rows);
          out.remove(2);
          return out;
        }, List.of("4:missing", "4:link")),
        Arguments.of("reordered", (UnaryOperator<List<AuditChain.Row>>) rows -> {
          List<AuditChain.Row> out = new ArrayList<>(rows);
          out.set(1, rows.get(2));
          out.set(2, rows.get(1));
          return out;
        }, List.of("3:missing", "3:link", "2:back", "2:link", "4:missing", "4:link")));
  }

  static UnaryOperator<List<AuditChain.Row>> edit(int index, UnaryOperator<AuditChain.Row> f) {
    return rows -> {
      List<AuditChain.Row> out = new ArrayList<>(rows);
      out.set(index, f.apply(out.get(index)));
      return out;
    };
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void verify(String name, UnaryOperator<List<AuditChain.Row>> tamper, List<String> expected) {
    List<AuditChain.Problem> problems = AuditChain.verify(tamper.apply(chain(5)), null);
    assertThat(problems).extracting(p -> p.seq() + ":" + kind(p.what())).containsExactlyElementsOf(expected);
  }

  @org.junit.jupiter.api.Test
  void aDeletedTailIsFoundAgainstTheHeadKeptElsewhere() {
    List<AuditChain.Row> rows = chain(5);
    String head = rows.get(4).hash();
    assertThat(AuditChain.verify(rows, head)).isEmpty();
    assertThat(AuditChain.verify(rows.subList(0, 4), head)).extracting(AuditChain.Problem::seq).containsExactly(4L);
  }

  private static String kind(String what) {
    if (what.contains("missing")) {
      return "missing";
    }
    if (what.contains("goes back")) {
      return "back";
    }
    if (what.contains("link")) {
      return "link";
    }
    return what.contains("edited") ? "edited" : what;
  }
}
