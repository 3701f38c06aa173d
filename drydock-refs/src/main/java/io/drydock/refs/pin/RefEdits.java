package io.drydock.refs.pin;

import io.drydock.model.Digest;
import io.drydock.refs.find.FoundRef;
import io.drydock.refs.find.Site;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The edit that makes a found reference name {@code tag@digest} (pure). The text the user wrote is kept
 * ({@code nginx} stays {@code nginx}, not {@code docker.io/library/nginx}); only the tag and digest change. A
 * reference without a tag gets {@code :latest} so that {@code pin --check} can later tell whether the pin is stale.
 *
 * <p>Helm values and kustomizations ({@link Site.Fields}): a {@code digest} key that exists gets the digest; when
 * there is none, the tag becomes {@code tag@sha256:…} — what Renovate writes with {@code pinDigests} for
 * {@code helm-values}, and what charts that build {@code repository:tag} understand.
 */
public final class RefEdits {
  private RefEdits() {}

  /** The edit, or empty when the reference cannot be rewritten ({@link Site.Fixed}). {@code newTag} null = keep. */
  public static Optional<Edit> rewrite(String text, FoundRef ref, @Nullable String newTag, Digest digest) {
    Site site = ref.site();
    if (site instanceof Site.Span span) {
      String current = text.substring(span.start(), span.end());
      return Optional.of(new Edit(span.start(), span.end(), withTagAndDigest(current, newTag, digest)));
    }
    if (site instanceof Site.Fields f) {
      if (f.digest() != null) {
        Site.Span d = f.digest();
        String value = digest.toString();
        if (d.start() == d.end() && d.start() > 0 && text.charAt(d.start() - 1) == ':') {
          value = " " + value; // "digest:" with no value
        }
        if (newTag == null || f.tag() == null) {
          return Optional.of(new Edit(d.start(), d.end(), value));
        }
        // both change: one edit covering both keys keeps the edit list non-overlapping
        Site.Span t = f.tag();
        if (t.start() < d.start()) {
          return Optional.of(new Edit(t.start(), d.end(), newTag + text.substring(t.end(), d.start()) + value));
        }
        return Optional.of(new Edit(d.start(), t.end(), value + text.substring(d.end(), t.start()) + newTag));
      }
      if (f.tag() != null) {
        Site.Span t = f.tag();
        String tag = text.substring(t.start(), t.end());
        int at = tag.indexOf('@');
        String base = newTag != null ? newTag : at >= 0 ? tag.substring(0, at) : tag;
        return Optional.of(new Edit(t.start(), t.end(), base + "@" + digest));
      }
    }
    return Optional.empty();
  }

  /** {@code repo[:tag][@digest]} as written → {@code repo:tag@digest}, keeping how the repository was written. */
  static String withTagAndDigest(String written, @Nullable String newTag, Digest digest) {
    int at = written.indexOf('@');
    String base = at >= 0 ? written.substring(0, at) : written;
    int slash = base.lastIndexOf('/');
    int colon = base.lastIndexOf(':');
    boolean hasTag = colon > slash;
    String repo = hasTag ? base.substring(0, colon) : base;
    String tag = newTag != null ? newTag : hasTag ? base.substring(colon + 1) : (at >= 0 ? null : "latest");
    return repo + (tag == null ? "" : ":" + tag) + "@" + digest;
  }
}
