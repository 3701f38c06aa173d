package io.drydock.scan.analyzer.rpm;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One rpm header as stored in an rpm database: {@code il} (int32 BE, number of index entries), {@code dl}
 * (int32 BE, data length), {@code il} entries of {tag, type, offset, count} (int32 BE each), then {@code dl}
 * bytes of data. Logic follows rpm's {@code headerImport} as ported by go-rpmdb ({@code pkg/entry.go}): the
 * region tag (61/62/63) that starts an immutable header is left out, and entries after the region ("dribble"
 * entries) replace earlier ones with the same tag.
 *
 * <p>Every count, offset and length is checked against the blob before it is used; a header claiming more
 * entries or data than the blob holds is rejected before anything is allocated for it.
 */
final class RpmHeader {
  static final int TAG_SIGMD5 = 261;
  static final int TAG_NAME = 1000;
  static final int TAG_VERSION = 1001;
  static final int TAG_RELEASE = 1002;
  static final int TAG_EPOCH = 1003;
  static final int TAG_SUMMARY = 1004;
  static final int TAG_SIZE = 1009;
  static final int TAG_VENDOR = 1011;
  static final int TAG_LICENSE = 1014;
  static final int TAG_ARCH = 1022;
  static final int TAG_SOURCERPM = 1044;
  static final int TAG_MODULARITYLABEL = 5096;

  static final int TYPE_INT32 = 4;
  static final int TYPE_STRING = 6;
  static final int TYPE_BIN = 7;
  static final int TYPE_STRING_ARRAY = 8;
  static final int TYPE_I18NSTRING = 9;

  /** rpm's own limits (lib/header.c hdrchkTags / hdrchkData). */
  static final int MAX_TAGS = 0xffff;
  static final int MAX_DATA = 0x0fff_ffff;

  private record Entry(int type, int offset, int count) {}

  private final byte[] blob;
  private final int dataStart;
  private final int dataLength;
  private final Map<Integer, Entry> entries;

  private RpmHeader(byte[] blob, int dataStart, int dataLength, Map<Integer, Entry> entries) {
    this.blob = blob;
    this.dataStart = dataStart;
    this.dataLength = dataLength;
    this.entries = entries;
  }

  static final class InvalidHeaderException extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidHeaderException(String message) {
      super(message);
    }
  }

  static RpmHeader parse(byte[] blob) throws InvalidHeaderException {
    if (blob.length < 8) {
      throw new InvalidHeaderException("header blob of " + blob.length + " bytes is shorter than 8");
    }
    long il = u32(blob, 0);
    long dl = u32(blob, 4);
    if (il < 1 || il > MAX_TAGS) {
      throw new InvalidHeaderException("header claims " + il + " index entries (allowed 1.." + MAX_TAGS + ")");
    }
    if (dl > MAX_DATA) {
      throw new InvalidHeaderException("header claims " + dl + " data bytes (allowed up to " + MAX_DATA + ")");
    }
    long dataStart = 8 + 16 * il;
    if (dataStart + dl > blob.length) {
      throw new InvalidHeaderException(
          "header claims " + il + " entries and " + dl + " data bytes but the blob holds only " + blob.length);
    }
    Map<Integer, Entry> entries = new HashMap<>();
    for (int i = 0; i < il; i++) {
      int at = 8 + 16 * i;
      int tag = (int) u32(blob, at);
      long type = u32(blob, at + 4);
      long offset = s32(blob, at + 8);
      long count = u32(blob, at + 12);
      if (i == 0 && (tag == 61 || tag == 62 || tag == 63)) {
        continue; // region tag: its data is the region trailer, not a value
      }
      if (offset < 0 || offset >= dl || count < 1 || count > dl || type > 9) {
        continue; // not a usable value; reading it is refused below by absence
      }
      entries.put(tag, new Entry((int) type, (int) offset, (int) count));
    }
    return new RpmHeader(blob, (int) dataStart, (int) dl, entries);
  }

  /** The first string of a STRING, I18NSTRING or STRING_ARRAY tag; null if absent or not NUL-terminated. */
  @Nullable String string(int tag) {
    Entry e = entries.get(tag);
    if (e == null || (e.type != TYPE_STRING && e.type != TYPE_I18NSTRING && e.type != TYPE_STRING_ARRAY)) {
      return null;
    }
    int start = dataStart + e.offset;
    int end = dataStart + dataLength;
    for (int i = start; i < end; i++) {
      if (blob[i] == 0) {
        return new String(blob, start, i - start, StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  /** The first value of an INT32 tag; null if absent or out of bounds. */
  @Nullable Long int32(int tag) {
    Entry e = entries.get(tag);
    if (e == null || e.type != TYPE_INT32 || e.offset + 4L > dataLength) {
      return null;
    }
    return u32(blob, dataStart + e.offset);
  }

  /** A BIN tag as lower-case hex (SIGMD5); null if absent or out of bounds. */
  @Nullable String hex(int tag) {
    Entry e = entries.get(tag);
    if (e == null || e.type != TYPE_BIN || (long) e.offset + e.count > dataLength) {
      return null;
    }
    return HexFormat.of().formatHex(blob, dataStart + e.offset, dataStart + e.offset + e.count);
  }

  private static long u32(byte[] b, int at) {
    return ((b[at] & 0xffL) << 24) | ((b[at + 1] & 0xffL) << 16) | ((b[at + 2] & 0xffL) << 8) | (b[at + 3] & 0xffL);
  }

  private static long s32(byte[] b, int at) {
    return (int) u32(b, at);
  }
}
