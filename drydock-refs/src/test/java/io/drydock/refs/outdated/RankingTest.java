package io.drydock.refs.outdated;

import static org.assertj.core.api.Assertions.assertThat;

import io.drydock.refs.versioning.TagUpdates;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RankingTest {

  /** current vulns | candidates as tag=vuln+vuln (or tag=? when not scanned) | expected order */
  @ParameterizedTest(name = "{0} / {1}")
  @CsvSource(delimiter = '|', value = {
      "A B C | 1.25.4=A 1.26.0=     2.0.0=        | 1.26.0 2.0.0 1.25.4",
      "A B C | 1.25.4=  1.26.0=     1.25.5=       | 1.25.5 1.25.4 1.26.0",
      "A     | 1.25.4=X 1.25.5=A                  | 1.25.5 1.25.4",
      "A     | 1.25.4=X+Y 1.25.5=A+B             | 1.25.5 1.25.4",
      "A     | 1.25.4=A 1.25.5=A+X+Y              | 1.25.4 1.25.5",
      "?     | 1.25.4=? 1.26.0=? 1.25.5=?         | 1.25.5 1.25.4 1.26.0",
      "A     | 1.25.4=? 1.25.5=A                  | 1.25.5 1.25.4"})
  void ranksBestFirst(String current, String candidates, String expected) {
    Map<TagUpdates.Candidate, Optional<Set<String>>> map = new LinkedHashMap<>();
    for (String c : candidates.trim().split("\\s+")) {
      String[] kv = c.split("=", -1);
      TagUpdates.Candidate cand = TagUpdates.newer("1.25.3", List.of(kv[0]), true).get(0);
      map.put(cand, vulns(kv[1]));
    }
    List<RankedCandidate> ranked = Ranking.rank(vulns(current.trim().replace(' ', '+')), map);
    assertThat(ranked).extracting(RankedCandidate::tag).containsExactly(expected.trim().split("\\s+"));
  }

  @org.junit.jupiter.api.Test
  void fixedAndIntroduced() {
    TagUpdates.Candidate c = TagUpdates.newer("1.25.3", List.of("1.25.4"), false).get(0);
    RankedCandidate r = Ranking.rank(Optional.of(Set.of("A", "B")), Map.of(c, Optional.of(Set.of("B", "C")))).get(0);
    assertThat(r.fixed()).containsExactly("A");
    assertThat(r.introduced()).containsExactly("C");
  }

  private static Optional<Set<String>> vulns(String s) {
    if (s.equals("?")) {
      return Optional.empty();
    }
    return Optional.of(Arrays.stream(s.split("\\+")).filter(x -> !x.isEmpty()).collect(Collectors.toSet()));
  }
}
