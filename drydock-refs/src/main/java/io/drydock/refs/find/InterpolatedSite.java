package io.drydock.refs.find;

import io.drydock.model.ImageRef;

/** The site of a Compose reference written with variables. */
final class InterpolatedSite {
  private InterpolatedSite() {}

  /**
   * Where pinning writes in an interpolated reference: the default (or plain text) that holds its tag, so that
   * {@code app:${TAG:-1.4}} becomes {@code app:${TAG:-1.4@sha256:…}}: what is used when TAG is unset is pinned, and
   * a TAG given from outside still wins, as before.
   */
  static Site of(Site.Span scalar, Interpolation.Result r, ImageRef image, String envSource) {
    String v = r.value();
    Interpolation.Piece whole = r.covering(0, v.length());
    if (whole != null && whole.origin() == Interpolation.Origin.TEXT) {
      int s = scalar.start() + whole.rawStart();
      return new Site.Span(s, s + v.length());
    }
    if (whole != null) {
      return new Site.Fixed("the reference comes from a variable set in " + envSource + "; change it there");
    }
    if (image.tag() == null && image.digest() != null) {
      return new Site.Fixed("pinned by digest only");
    }
    int slash = v.lastIndexOf('/');
    int colon = v.indexOf(':', slash + 1);
    int tagStart = colon >= 0 && colon + 1 < v.length() ? colon + 1 : -1;
    Interpolation.Piece p = tagStart >= 0 ? r.covering(tagStart, v.length()) : r.last();
    if (p != null && p.origin() == Interpolation.Origin.TEXT) {
      if (tagStart >= 0) {
        int s = scalar.start() + p.rawStart() + (tagStart - p.start());
        int e = s + (v.length() - tagStart);
        return new Site.Fields(new Site.Span(s, e), null, e);
      }
      int s = scalar.start() + p.rawStart();
      return new Site.Span(s, s + (p.end() - p.start()));
    }
    if (p != null && p.origin() == Interpolation.Origin.ENVIRONMENT) {
      return new Site.Fixed((tagStart >= 0 ? "the tag" : "the image name") + " comes from a variable set in "
          + envSource + "; change it there");
    }
    return new Site.Fixed("the tag is assembled from several variables");
  }}
