package io.drydock.refs.outdated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drydock.model.Digest;
import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import io.drydock.model.ImageRef;
import io.drydock.refs.find.RefFinder;
import io.drydock.refs.find.SourceFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutdatedFinderTest {
  @TempDir
  Path tmp;

  static Digest d(ImageRef r) {
    return Digest.sha256(r.withDigest(null).toString().getBytes(StandardCharsets.UTF_8));
  }

  private static final TagLister TAGS = repo -> List.of("1.25.3-alpine3.19", "1.25.4-alpine3.19", "1.26.0-alpine3.19",
      "1.25.4-alpine3.20", "latest", "2.0.0-alpine3.19");

  @Test
  void findsNewerTagsRanksWithTheScannerAndAppliesPinned() throws Exception {
    Path compose = tmp.resolve("compose.yaml");
    Files.writeString(compose, "services:\n  web:\n    image: \"nginx:1.25.3-alpine3.19\" # web\n");
    SourceFile f = new RefFinder(e -> { }).find(List.of(compose)).files().get(0);
    CandidateScanner scanner = c -> Optional.of(switch (c.tagOrLatest()) {
      case "1.25.3-alpine3.19" -> Set.of("CVE-1", "CVE-2");
      case "1.25.4-alpine3.19" -> Set.of("CVE-2");
      default -> Set.of("CVE-2", "CVE-3");
    });
    OutdatedFinder finder = new OutdatedFinder(TAGS, OutdatedFinderTest::d, scanner, e -> { });
    List<OutdatedRef> res = finder.check(f.refs(), false);
    assertThat(res).singleElement().satisfies(o -> {
      assertThat(o.ranked()).extracting(RankedCandidate::tag).containsExactly("1.25.4-alpine3.19", "1.26.0-alpine3.19");
      assertThat(o.best().orElseThrow().fixed()).containsExactly("CVE-1");
      assertThat(o.ranked().get(1).introduced()).containsExactly("CVE-3");
    });
    finder.apply(List.of(f), res);
    assertThat(Files.readString(compose)).isEqualTo("services:\n  web:\n    image: \"nginx:1.25.4-alpine3.19@"
        + d(ImageRef.parse("nginx:1.25.4-alpine3.19")) + "\" # web\n");
  }

  @Test
  void aMovedPinnedTagIsReportedAndAFailedLookupWritesNothing() throws Exception {
    Path df = tmp.resolve("Dockerfile");
    String old = "sha256:" + "0".repeat(64);
    String text = "FROM nginx:1.26.0-alpine3.19@" + old + "\nFROM nginx:1.25.3-alpine3.19\n";
    Files.writeString(df, text);
    SourceFile f = new RefFinder(e -> { }).find(List.of(df)).files().get(0);
    OutdatedFinder finder = new OutdatedFinder(TAGS, OutdatedFinderTest::d, CandidateScanner.NONE, e -> { });
    List<OutdatedRef> res = finder.check(f.refs(), false);
    assertThat(res.get(0).digestChanged()).isTrue();
    assertThat(res.get(0).ranked()).isEmpty();
    assertThat(res.get(1).ranked()).extracting(RankedCandidate::tag).containsExactly("1.25.4-alpine3.19", "1.26.0-alpine3.19");

    OutdatedFinder failing = new OutdatedFinder(TAGS, r -> {
      if (r.tagOrLatest().equals("1.25.4-alpine3.19")) {
        throw new DrydockException(ErrorKind.UNREACHABLE, "Tried to resolve x but failed because: connection refused");
      }
      return d(r);
    }, CandidateScanner.NONE, e -> { });
    assertThatThrownBy(() -> failing.apply(List.of(f), res)).isInstanceOf(DrydockException.class);
    assertThat(Files.readString(df)).isEqualTo(text);

    finder.apply(List.of(f), res);
    assertThat(Files.readString(df)).isEqualTo("FROM nginx:1.26.0-alpine3.19@" + d(ImageRef.parse("nginx:1.26.0-alpine3.19"))
        + "\nFROM nginx:1.25.4-alpine3.19@" + d(ImageRef.parse("nginx:1.25.4-alpine3.19")) + "\n");
  }
}
