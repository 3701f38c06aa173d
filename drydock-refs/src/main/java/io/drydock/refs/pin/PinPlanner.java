package io.drydock.refs.pin;

import io.drydock.model.Digest;
import io.drydock.model.ImageRef;
import io.drydock.refs.find.FoundRef;
import io.drydock.refs.find.Site;
import io.drydock.refs.find.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Decides, from resolved digests, what pinning does to each reference (pure). */
public final class PinPlanner {
  private PinPlanner() {}

  /** The tag reference to resolve for a found reference, or empty when there is nothing to look up. */
  public static Optional<ImageRef> tagToResolve(FoundRef ref) {
    ImageRef image = ref.image();
    if (image == null || !ref.isPulled() || (image.tag() == null && image.digest() != null)) {
      return Optional.empty();
    }
    return Optional.of(image.withDigest(null).withTag(image.tagOrLatest()));
  }

  /** The verdicts for one file, given what each tag resolved to ({@code resolved} must hold every {@link #tagToResolve}). */
  public static List<PinChange> plan(SourceFile file, Function<ImageRef, Digest> resolved) {
    List<PinChange> out = new ArrayList<>();
    for (FoundRef ref : file.refs()) {
      ImageRef image = ref.image();
      if (!ref.isPulled()) {
        out.add(new PinChange(ref, PinStatus.NOT_PULLED, null, null, null, ref.note() != null ? ref.note() : "not pulled"));
        continue;
      }
      if (image == null) {
        out.add(new PinChange(ref, PinStatus.NOT_PINNABLE, null, null, null, ref.problem()));
        continue;
      }
      Optional<ImageRef> tag = tagToResolve(ref);
      if (tag.isEmpty()) {
        out.add(new PinChange(ref, PinStatus.DIGEST_ONLY, image.digest(), null, null, null));
        continue;
      }
      Digest now = resolved.apply(tag.get());
      if (now.equals(image.digest())) {
        out.add(new PinChange(ref, PinStatus.PINNED, image.digest(), now, null, null));
        continue;
      }
      PinStatus status = image.digest() == null ? PinStatus.UNPINNED : PinStatus.STALE;
      Optional<Edit> edit = RefEdits.rewrite(file.text(), ref, null, now);
      if (edit.isEmpty()) {
        String why = ref.site() instanceof Site.Fixed f ? f.reason() : "cannot be rewritten";
        out.add(new PinChange(ref, PinStatus.NOT_PINNABLE, image.digest(), now, null, why));
      } else {
        out.add(new PinChange(ref, status, image.digest(), now, edit.get(), null));
      }
    }
    return List.copyOf(out);
  }

  /** Convenience for tests and callers holding a map. */
  public static List<PinChange> plan(SourceFile file, Map<ImageRef, Digest> resolved) {
    return plan(file, r -> {
      Digest d = resolved.get(r);
      if (d == null) {
        throw new IllegalArgumentException("no digest resolved for " + r);
      }
      return d;
    });
  }
}
