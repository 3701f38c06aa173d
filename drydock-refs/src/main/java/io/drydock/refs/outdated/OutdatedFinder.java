package io.drydock.refs.outdated;

import io.drydock.model.Digest;
import io.drydock.model.ImageRef;
import io.drydock.model.event.EventSink;
import io.drydock.refs.find.FoundRef;
import io.drydock.refs.find.SourceFile;
import io.drydock.refs.pin.AtomicFiles;
import io.drydock.refs.pin.DigestResolver;
import io.drydock.refs.pin.Edit;
import io.drydock.refs.pin.RefEdits;
import io.drydock.refs.pin.TextEdits;
import io.drydock.refs.versioning.TagUpdates;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * For each reference: newer tags in the same line (Renovate's docker versioning), whether a pinned tag moved to a
 * new digest, and — with a {@link CandidateScanner} — the vulnerabilities each candidate fixes or brings, ranked.
 * Everything is looked up before anything is written ({@link #apply}).
 */
public final class OutdatedFinder {
  private final TagLister tags;
  private final DigestResolver digests;
  private final CandidateScanner scanner;
  private final EventSink events;
  private final Map<ImageRef, List<String>> tagCache = new HashMap<>();
  private final Map<ImageRef, Digest> digestCache = new HashMap<>();

  public OutdatedFinder(TagLister tags, DigestResolver digests, CandidateScanner scanner, EventSink events) {
    this.tags = tags;
    this.digests = digests;
    this.scanner = scanner;
    this.events = events;
  }

  public List<OutdatedRef> check(List<FoundRef> refs, boolean allowMajor) throws IOException {
    List<OutdatedRef> out = new ArrayList<>();
    for (FoundRef r : refs) {
      out.add(check(r, allowMajor));
    }
    return out;
  }

  public OutdatedRef check(FoundRef ref, boolean allowMajor) throws IOException {
    ImageRef image = ref.image();
    if (!ref.isPulled()) {
      return new OutdatedRef(ref, List.of(), Optional.empty(), null, null,
          "not pulled: " + (ref.note() != null ? ref.note() : "nothing to look up"));
    }
    if (image == null) {
      return new OutdatedRef(ref, List.of(), Optional.empty(), null, null, "cannot read: " + ref.problem());
    }
    if (image.tag() == null && image.digest() != null) {
      return new OutdatedRef(ref, List.of(), Optional.empty(), image.digest(), null, "pinned by digest only: no tag to compare");
    }
    String tag = image.tagOrLatest();
    Digest tagDigest = null;
    if (image.digest() != null) {
      tagDigest = digest(image.withDigest(null).withTag(tag));
    }
    ImageRef repo = image.withDigest(null).withTag(null);
    List<String> available = tagCache.get(repo);
    if (available == null) {
      events.progress("list tags", repo.familiar(), tagCache.size(), -1);
      available = tags.tags(repo);
      tagCache.put(repo, available);
    }
    List<TagUpdates.Candidate> candidates = TagUpdates.newer(tag, available, allowMajor);
    String note = candidates.isEmpty() && !io.drydock.refs.versioning.DockerTag.isVersion(tag)
        ? "tag '" + tag + "' is not a version" : null;
    Optional<Set<String>> current = Optional.empty();
    Map<TagUpdates.Candidate, Optional<Set<String>>> scanned = new LinkedHashMap<>();
    if (!candidates.isEmpty()) {
      current = scanner.vulnerabilities(image);
      for (TagUpdates.Candidate c : candidates) {
        scanned.put(c, current.isPresent() ? scanner.vulnerabilities(repo.withTag(c.tag().text())) : Optional.empty());
      }
    }
    return new OutdatedRef(ref, Ranking.rank(current, scanned), current, image.digest(), tagDigest, note);
  }

  /**
   * Rewrites each outdated reference to its best candidate, pinned to that tag's digest (or, with no newer tag, to the
   * tag's new digest). Resolves every digest first; writes all files or none. Returns the files changed.
   */
  public List<SourceFile> apply(List<SourceFile> files, List<OutdatedRef> results) throws IOException {
    Map<FoundRef, OutdatedRef> byRef = new HashMap<>();
    results.forEach(o -> byRef.put(o.ref(), o));
    List<AtomicFiles.Replacement> reps = new ArrayList<>();
    List<SourceFile> changed = new ArrayList<>();
    for (SourceFile f : files) {
      List<Edit> edits = new ArrayList<>();
      for (FoundRef r : f.refs()) {
        OutdatedRef o = byRef.get(r);
        if (o == null || !o.isOutdated() || r.image() == null || !r.isPulled()) {
          continue;
        }
        Optional<RankedCandidate> best = o.best();
        String newTag = best.map(RankedCandidate::tag).orElse(null);
        ImageRef target = r.image().withDigest(null).withTag(newTag != null ? newTag : r.image().tagOrLatest());
        Digest d = digest(target);
        RefEdits.rewrite(f.text(), r, newTag, d).ifPresentOrElse(edits::add,
            () -> events.warn(r.location() + ": cannot rewrite " + r.written() + " (" + r.site() + ")"));
      }
      if (!edits.isEmpty()) {
        reps.add(new AtomicFiles.Replacement(f.path(), f.text(), TextEdits.apply(f.text(), edits), f.charset()));
        changed.add(f);
      }
    }
    AtomicFiles.replaceAll(reps);
    return changed;
  }

  private Digest digest(ImageRef tagRef) throws IOException {
    Digest d = digestCache.get(tagRef);
    if (d == null) {
      d = digests.digestOf(tagRef);
      digestCache.put(tagRef, d);
    }
    return d;
  }
}
