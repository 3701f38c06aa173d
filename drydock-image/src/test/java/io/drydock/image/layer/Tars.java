package io.drydock.image.layer;

import com.github.luben.zstd.ZstdOutputStream;
import io.drydock.model.Digest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Builds synthetic layer tars for tests. */
public final class Tars {
  private Tars() {}

  public interface Body {
    void write(TarArchiveOutputStream out) throws IOException;
  }

  public static byte[] tar(Body body) {
    return tar(TarArchiveOutputStream.LONGFILE_POSIX, body);
  }

  public static byte[] tar(int longFileMode, Body body) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
      out.setLongFileMode(longFileMode);
      out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      body.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  public static void file(TarArchiveOutputStream out, String name, String content) throws IOException {
    file(out, name, content, 0644);
  }

  public static void file(TarArchiveOutputStream out, String name, String content, int mode) throws IOException {
    byte[] data = content.getBytes(StandardCharsets.UTF_8);
    TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_NORMAL, true);
    e.setSize(data.length);
    e.setMode(mode);
    out.putArchiveEntry(e);
    out.write(data);
    out.closeArchiveEntry();
  }

  public static void dir(TarArchiveOutputStream out, String name) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name.endsWith("/") ? name : name + "/", TarConstants.LF_DIR, true);
    e.setMode(0755);
    out.putArchiveEntry(e);
    out.closeArchiveEntry();
  }

  public static void link(TarArchiveOutputStream out, String name, String target, byte flag) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name, flag, true);
    e.setLinkName(target);
    out.putArchiveEntry(e);
    out.closeArchiveEntry();
  }

  public static void special(TarArchiveOutputStream out, String name, byte flag) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name, flag, true);
    e.setDevMajor(1);
    e.setDevMinor(3);
    out.putArchiveEntry(e);
    out.closeArchiveEntry();
  }

  /** A raw metadata entry (PAX header, GNU long name) with the given content. */
  public static void metadata(TarArchiveOutputStream out, byte flag, byte[] content) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(flag == TarConstants.LF_GNUTYPE_LONGNAME ? "././@LongLink" : "PaxHeaders/x", flag, true);
    e.setSize(content.length);
    out.putArchiveEntry(e);
    out.write(content);
    out.closeArchiveEntry();
  }

  /** One PAX record {@code "<length> key=value\n"}. */
  public static byte[] paxRecord(String key, String value) {
    int body = key.length() + value.length() + 3; // space, '=', newline
    int length = body + String.valueOf(body).length();
    if (String.valueOf(length).length() != String.valueOf(body).length()) {
      length++;
    }
    return (length + " " + key + "=" + value + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /** A file of {@code size} zero bytes (streamed, not held in memory). */
  public static void zeros(TarArchiveOutputStream out, String name, long size) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_NORMAL, true);
    e.setSize(size);
    out.putArchiveEntry(e);
    byte[] chunk = new byte[1 << 20];
    for (long left = size; left > 0; left -= chunk.length) {
      out.write(chunk, 0, (int) Math.min(left, chunk.length));
    }
    out.closeArchiveEntry();
  }

  public static byte[] gzip(byte[] tar) {
    return compress(tar, out -> new GZIPOutputStream(out, 1 << 16));
  }

  public static byte[] zstd(byte[] tar) {
    return compress(tar, out -> new ZstdOutputStream(out, 3));
  }

  public interface Compressor {
    OutputStream wrap(OutputStream out) throws IOException;
  }

  public static byte[] compress(byte[] data, Compressor compressor) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = compressor.wrap(bytes)) {
      out.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** A compressed tar holding one file of {@code size} zeros, produced without the tar in memory. */
  public static byte[] compressedZeros(long size, Compressor compressor) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream compressed = compressor.wrap(bytes);
        TarArchiveOutputStream out = new TarArchiveOutputStream(compressed)) {
      out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      zeros(out, "zeros.bin", size);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  public static Digest diffId(byte[] tar) {
    return Digest.sha256(tar);
  }
}
