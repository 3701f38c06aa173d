package io.drydock.scan.analyzer.golang;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Minimal synthetic ELF files: a header, program headers and one writable PT_LOAD segment holding a payload. */
final class ElfBuilder {
  static final String INFO_START = "0w\u00af\u000c\u0092t\u0008\u0002A\u00e1\u00c1\u0007\u00e6\u00d6\u0018\u00e6";
  static final String INFO_END = "\u00f92C1\u0086\u0018 r\u0000\u0082B\u0010A\u0016\u00d8\u00f2";

  boolean is64 = true;
  boolean bigEndian;
  int phnum = 2;
  int phentsize = -1;
  long phoffOverride = -1;
  long segmentOffset = 0x1000;
  long segmentFileSizeOverride = -1;
  int segmentFlags = 6; // PF_R | PF_W
  byte[] payload = new byte[0];

  /** The 32-byte inline build info header, then the two varint strings; modinfo gets the Go sentinels. */
  static byte[] buildInfo(String goVersion, String modInfo, boolean inline) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] header = new byte[32];
    byte[] magic = "\u00ff Go buildinf:".getBytes(StandardCharsets.ISO_8859_1);
    System.arraycopy(magic, 0, header, 0, magic.length);
    header[14] = 8;
    header[15] = (byte) (inline ? 2 : 0);
    out.writeBytes(header);
    if (inline) {
      writeString(out, goVersion.getBytes(StandardCharsets.UTF_8));
      writeString(out, (INFO_START + modInfo + INFO_END).getBytes(StandardCharsets.ISO_8859_1));
    }
    return out.toByteArray();
  }

  static void writeString(ByteArrayOutputStream out, byte[] s) {
    long v = s.length;
    while (v >= 0x80) {
      out.write((int) (v & 0x7f) | 0x80);
      v >>>= 7;
    }
    out.write((int) v);
    out.writeBytes(s);
  }

  byte[] build() {
    int ehsize = is64 ? 64 : 52;
    int entsize = phentsize > 0 ? phentsize : (is64 ? 56 : 32);
    long phoff = phoffOverride >= 0 ? phoffOverride : ehsize;
    int total = (int) Math.max(segmentOffset + payload.length, ehsize + (long) 2 * (is64 ? 56 : 32));
    ByteBuffer b = ByteBuffer.allocate(total).order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {0x7f, 'E', 'L', 'F', (byte) (is64 ? 2 : 1), (byte) (bigEndian ? 2 : 1), 1, 0});
    b.position(16);
    b.putShort((short) 2).putShort((short) 62).putInt(1);
    if (is64) {
      b.putLong(0x401000).putLong(phoff).putLong(0).putInt(0);
    } else {
      b.putInt(0x401000).putInt((int) phoff).putInt(0).putInt(0);
    }
    b.putShort((short) ehsize).putShort((short) entsize).putShort((short) phnum);
    b.putShort((short) 0).putShort((short) 0).putShort((short) 0);
    long filesz = segmentFileSizeOverride >= 0 ? segmentFileSizeOverride : payload.length;
    if (phoffOverride < 0 && phentsize < 0) {
      b.position(ehsize);
      // a read-only text segment, then the writable data segment
      header(b, 5, 0, 0x1000);
      header(b, segmentFlags, segmentOffset, filesz);
    }
    b.position((int) segmentOffset);
    b.put(payload);
    return b.array();
  }

  private void header(ByteBuffer b, int flags, long offset, long filesz) {
    if (is64) {
      b.putInt(1).putInt(flags).putLong(offset).putLong(0x400000 + offset).putLong(0).putLong(filesz).putLong(filesz)
          .putLong(0x1000);
    } else {
      b.putInt(1).putInt((int) offset).putInt((int) (0x400000 + offset)).putInt(0).putInt((int) filesz)
          .putInt((int) filesz).putInt(flags).putInt(0x1000);
    }
  }
}
