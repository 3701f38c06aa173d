package io.drydock.image.layer;

/** How a layer blob is compressed, as detected from its first bytes (the media type is not trusted). */
public enum Compression {
  GZIP,
  ZSTD,
  NONE;

  static Compression detect(byte[] head, int length) {
    if (length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
      return GZIP;
    }
    if (length >= 4 && (head[0] & 0xff) == 0x28 && (head[1] & 0xff) == 0xb5 && (head[2] & 0xff) == 0x2f
        && (head[3] & 0xff) == 0xfd) {
      return ZSTD;
    }
    return NONE;
  }
}
