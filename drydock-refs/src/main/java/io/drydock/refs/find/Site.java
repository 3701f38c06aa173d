package io.drydock.refs.find;

import org.jspecify.annotations.Nullable;

/**
 * Where the text of a reference sits in its file, so that it can be rewritten byte for byte. Offsets are
 * {@code char} indexes into the file's text (UTF-8 decoded), {@code end} exclusive; for quoted YAML scalars they
 * exclude the quotes.
 */
public sealed interface Site permits Site.Span, Site.Fields, Site.Fixed {

  /** One run of text holding the whole reference ({@code nginx:1.25}) or one field of it. */
  record Span(int start, int end) implements Site {
    public Span {
      if (start < 0 || end < start) {
        throw new IllegalArgumentException("bad span " + start + ".." + end);
      }
    }
  }

  /**
   * A reference spread over keys of a YAML mapping: Helm's {@code {registry, repository, tag, digest}} or a
   * kustomization's {@code {newName, newTag, digest}}.
   *
   * @param digestKeyMissingAfter when there is no digest key, the end offset of the tag value (pinning then writes
   *     {@code tag@sha256:…} into the tag)
   */
  record Fields(@Nullable Span tag, @Nullable Span digest, int digestKeyMissingAfter) implements Site {}

  /** Cannot be rewritten (built from variables, written with escapes, …). */
  record Fixed(String reason) implements Site {}
}
