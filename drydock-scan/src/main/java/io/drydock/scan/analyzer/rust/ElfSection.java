package io.drydock.scan.analyzer.rust;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Finds one named section of an ELF file held in memory, checking every offset against the file's size. */
final class ElfSection {
  private static final int MAX_SECTIONS = 1 << 16;

  /** Why an ELF file could not be read. */
  static final class InvalidElf extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidElf(String message) {
      super(message);
    }
  }

  private ElfSection() {}

  static boolean isElf(byte[] head) {
    return head.length >= 4 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F';
  }

  /** The content of the section called {@code name}; empty when the file has none. */
  static Optional<byte[]> find(byte[] file, String name) throws InvalidElf {
    if (file.length < 52 || !isElf(file)) {
      throw new InvalidElf("not an ELF file");
    }
    boolean is64 = switch (file[4]) {
      case 1 -> false;
      case 2 -> true;
      default -> throw new InvalidElf("unknown ELF class " + file[4]);
    };
    ByteBuffer b = ByteBuffer.wrap(file).order(switch (file[5]) {
      case 1 -> ByteOrder.LITTLE_ENDIAN;
      case 2 -> ByteOrder.BIG_ENDIAN;
      default -> throw new InvalidElf("unknown ELF data encoding " + file[5]);
    });
    if (is64 && file.length < 64) {
      throw new InvalidElf("truncated ELF header");
    }
    long shoff = is64 ? b.getLong(0x28) : Integer.toUnsignedLong(b.getInt(0x20));
    int shentsize = Short.toUnsignedInt(b.getShort(is64 ? 0x3a : 0x2e));
    int shnum = Short.toUnsignedInt(b.getShort(is64 ? 0x3c : 0x30));
    int shstrndx = Short.toUnsignedInt(b.getShort(is64 ? 0x3e : 0x32));
    if (shnum == 0) {
      return Optional.empty();
    }
    int minEntry = is64 ? 64 : 40;
    if (shnum > MAX_SECTIONS || shentsize < minEntry || shstrndx >= shnum || shoff < 0
        || shoff + (long) shnum * shentsize > file.length) {
      throw new InvalidElf("section header table outside the file");
    }
    long[] strtab = range(b, is64, shoff + (long) shstrndx * shentsize, file.length);
    byte[] wanted = name.getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < shnum; i++) {
      long at = shoff + (long) i * shentsize;
      long nameOffset = Integer.toUnsignedLong(b.getInt((int) at));
      if (matches(file, strtab, nameOffset, wanted)) {
        long[] r = range(b, is64, at, file.length);
        byte[] out = new byte[(int) r[1]];
        System.arraycopy(file, (int) r[0], out, 0, out.length);
        return Optional.of(out);
      }
    }
    return Optional.empty();
  }

  /** {offset, size} of the section whose header is at {@code at}, checked to lie inside the file. */
  private static long[] range(ByteBuffer b, boolean is64, long at, int fileSize) throws InvalidElf {
    int h = (int) at;
    long offset = is64 ? b.getLong(h + 0x18) : Integer.toUnsignedLong(b.getInt(h + 0x10));
    long size = is64 ? b.getLong(h + 0x20) : Integer.toUnsignedLong(b.getInt(h + 0x14));
    if (offset < 0 || size < 0 || offset + size > fileSize) {
      throw new InvalidElf("section outside the file");
    }
    return new long[] {offset, size};
  }

  private static boolean matches(byte[] file, long[] strtab, long nameOffset, byte[] wanted) {
    if (nameOffset + wanted.length + 1 > strtab[1]) {
      return false;
    }
    int at = (int) (strtab[0] + nameOffset);
    for (int i = 0; i < wanted.length; i++) {
      if (file[at + i] != wanted[i]) {
        return false;
      }
    }
    return file[at + wanted.length] == 0;
  }
}
