package io.drydock.scan.analyzer.golang;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Finds Go build info in an ELF file read forward only, the way {@code debug/buildinfo} finds it without section
 * headers: in the writable, non-executable {@code PT_LOAD} segments (the linker puts {@code .go.buildinfo} first
 * in the data segment), at a 16-byte aligned {@code "\xff Go buildinf:"}. Only the program headers and the
 * segment data up to the magic are read; nothing is buffered beyond {@link #CHUNK} plus the two strings.
 */
final class BuildInfoReader {
  static final byte[] MAGIC = "\u00ff Go buildinf:".getBytes(StandardCharsets.ISO_8859_1);
  static final int CHUNK = 64 * 1024;
  /** Bytes of writable segments searched for the magic. */
  static final long MAX_SCAN = 32L << 20;
  static final int MAX_VERSION_BYTES = 1024;
  static final int MAX_MODINFO_BYTES = 4 << 20;
  private static final int MAX_PROGRAM_HEADERS = 4096;
  private static final int PT_LOAD = 1;
  private static final int PF_X = 1;
  private static final int PF_W = 2;
  private static final int FLAGS_VERSION_INLINE = 0x2;

  /** What was found. */
  sealed interface Result permits NotElf, NotGo, PointerFormat, Found {}

  record NotElf() implements Result {}

  record NotGo() implements Result {}

  /** Go before 1.18 stores pointers to the strings; not supported. */
  record PointerFormat() implements Result {}

  /** @param goVersion as written ({@code go1.19.8}); @param modInfo without its 16-byte sentinels, may be empty */
  record Found(String goVersion, String modInfo) implements Result {}

  /** Malformed input: truncated, or headers that contradict the file. */
  static final class InvalidElf extends IOException {
    private static final long serialVersionUID = 1L;

    InvalidElf(String message) {
      super(message);
    }
  }

  private record Segment(long offset, long size) {}

  private BuildInfoReader() {}

  /**
   * @param in the file's bytes from offset 0; read forward only and not closed
   * @param fileSize the file's size; headers pointing beyond it are rejected
   */
  static Result read(InputStream in, long fileSize) throws IOException {
    Cursor c = new Cursor(in, fileSize);
    byte[] ident = new byte[16];
    if (c.readUpTo(ident) < 16 || ident[0] != 0x7f || ident[1] != 'E' || ident[2] != 'L' || ident[3] != 'F') {
      return new NotElf();
    }
    boolean is64 = switch (ident[4]) {
      case 1 -> false;
      case 2 -> true;
      default -> throw new InvalidElf("unknown ELF class " + ident[4]);
    };
    boolean bigEndian = switch (ident[5]) {
      case 1 -> false;
      case 2 -> true;
      default -> throw new InvalidElf("unknown ELF data encoding " + ident[5]);
    };
    Bytes h = new Bytes(c.read(is64 ? 48 : 36), bigEndian);
    long phoff = is64 ? h.u64(16) : h.u32(12);
    int phentsize = h.u16(is64 ? 38 : 26);
    int phnum = h.u16(is64 ? 40 : 28);
    int expectedEntSize = is64 ? 56 : 32;
    if (phnum == 0) {
      return new NotGo();
    }
    if (phentsize != expectedEntSize || phnum > MAX_PROGRAM_HEADERS || phoff < c.pos()
        || phoff > fileSize || (long) phnum * phentsize > fileSize - phoff) {
      throw new InvalidElf("program headers do not fit the file (offset " + phoff + ", " + phnum + " x "
          + phentsize + " bytes, file " + fileSize + " bytes)");
    }
    c.skipTo(phoff);
    List<Segment> writable = new ArrayList<>();
    for (int i = 0; i < phnum; i++) {
      Bytes p = new Bytes(c.read(phentsize), bigEndian);
      int type = (int) p.u32(0);
      long flags = is64 ? p.u32(4) : p.u32(24);
      long offset = is64 ? p.u64(8) : p.u32(4);
      long filesz = is64 ? p.u64(32) : p.u32(16);
      if (type == PT_LOAD && (flags & (PF_X | PF_W)) == PF_W && offset >= 0 && offset < fileSize && filesz > 0) {
        writable.add(new Segment(offset, Math.min(filesz, fileSize - offset)));
      }
    }
    writable.sort(Comparator.comparingLong(Segment::offset));
    long budget = MAX_SCAN;
    for (Segment s : writable) {
      long start = align16(Math.max(s.offset(), c.pos()));
      long end = s.offset() + s.size();
      if (start >= end) {
        continue;
      }
      c.skipTo(start);
      while (c.pos() < end && budget > 0) {
        int want = (int) Math.min(CHUNK, Math.min(end - c.pos(), budget));
        byte[] chunk = c.read(want);
        budget -= want;
        for (int i = 0; i + MAGIC.length <= chunk.length; i += 16) {
          if (Arrays.equals(chunk, i, i + MAGIC.length, MAGIC, 0, MAGIC.length)) {
            return decode(chunk, i, c);
          }
        }
      }
    }
    return new NotGo();
  }

  /** Decodes the 32-byte header at {@code chunk[at]} and, in the inline format, the two strings after it. */
  private static Result decode(byte[] chunk, int at, Cursor c) throws IOException {
    Tail t = new Tail(chunk, at, c);
    byte[] header = t.read(32);
    int flags = header[15] & 0xff;
    if ((flags & FLAGS_VERSION_INLINE) == 0) {
      return new PointerFormat();
    }
    String version = new String(t.read(t.uvarint(MAX_VERSION_BYTES)), StandardCharsets.UTF_8);
    byte[] mod = t.read(t.uvarint(MAX_MODINFO_BYTES));
    String modInfo = "";
    if (mod.length >= 33 && mod[mod.length - 17] == '\n') {
      modInfo = new String(mod, 16, mod.length - 32, StandardCharsets.UTF_8);
    }
    return new Found(version, modInfo);
  }

  private static long align16(long x) {
    return (x + 15) & ~15L;
  }

  /** Bytes from a position inside an already read chunk, continuing into the stream. */
  private static final class Tail {
    private final byte[] chunk;
    private int at;
    private final Cursor c;

    Tail(byte[] chunk, int at, Cursor c) {
      this.chunk = chunk;
      this.at = at;
      this.c = c;
    }

    int next() throws IOException {
      return at < chunk.length ? chunk[at++] & 0xff : c.read(1)[0] & 0xff;
    }

    byte[] read(int n) throws IOException {
      byte[] out = new byte[n];
      int fromChunk = Math.min(n, chunk.length - at);
      System.arraycopy(chunk, at, out, 0, fromChunk);
      at += fromChunk;
      if (fromChunk < n) {
        byte[] rest = c.read(n - fromChunk);
        System.arraycopy(rest, 0, out, fromChunk, rest.length);
      }
      return out;
    }

    /** Go's binary.Uvarint, refusing lengths above {@code max}. */
    int uvarint(int max) throws IOException {
      long value = 0;
      for (int shift = 0; shift < 35; shift += 7) {
        int b = next();
        value |= (long) (b & 0x7f) << shift;
        if ((b & 0x80) == 0) {
          if (value > max) {
            throw new InvalidElf("Go build info string of " + value + " bytes exceeds " + max);
          }
          return (int) value;
        }
      }
      throw new InvalidElf("Go build info string length is not a valid varint");
    }
  }

  /** A forward-only position in the file. */
  private static final class Cursor {
    private final InputStream in;
    private final long size;
    private long pos;

    Cursor(InputStream in, long size) {
      this.in = in;
      this.size = size;
    }

    long pos() {
      return pos;
    }

    int readUpTo(byte[] buf) throws IOException {
      int n = in.readNBytes(buf, 0, (int) Math.min(buf.length, size - pos));
      pos += n;
      return n;
    }

    byte[] read(int n) throws IOException {
      if (n > size - pos) {
        throw new InvalidElf("truncated: needs " + n + " bytes at offset " + pos + " of " + size);
      }
      byte[] b = in.readNBytes(n);
      pos += b.length;
      if (b.length < n) {
        throw new InvalidElf("truncated: stream ended at offset " + pos + " of " + size);
      }
      return b;
    }

    void skipTo(long target) throws IOException {
      if (target > size) {
        throw new InvalidElf("offset " + target + " beyond the end of the file (" + size + ")");
      }
      while (pos < target) {
        long skipped = in.skip(target - pos);
        if (skipped <= 0) {
          if (in.read() < 0) {
            throw new InvalidElf("truncated: stream ended at offset " + pos + " of " + size);
          }
          skipped = 1;
        }
        pos += skipped;
      }
    }
  }

  /** Fixed-width unsigned integers in the file's byte order. */
  private record Bytes(byte[] b, boolean bigEndian) {
    int u16(int off) {
      return (int) get(off, 2);
    }

    long u32(int off) {
      return get(off, 4);
    }

    /** Values above Long.MAX_VALUE come back negative and fail every range check. */
    long u64(int off) {
      return get(off, 8);
    }

    private long get(int off, int width) {
      long v = 0;
      for (int i = 0; i < width; i++) {
        int shift = bigEndian ? 8 * (width - 1 - i) : 8 * i;
        v |= (long) (b[off + i] & 0xff) << shift;
      }
      return v;
    }
  }
}
