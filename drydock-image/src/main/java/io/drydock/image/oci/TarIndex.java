package io.drydock.image.oci;

import io.drydock.image.stream.CountingFilterInputStream;
import io.drydock.image.stream.ChunkInputStream;
import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.jspecify.annotations.Nullable;

/**
 * An image archive (tar) indexed once: entry name → offset and size. Entries are then read by positional reads
 * on one {@link FileChannel}; nothing is extracted. Hostile archives are refused with one INVALID_INPUT line:
 * names that are absolute or contain {@code ..}, duplicate names, sparse entries, data past the end of the
 * file, more than {@link #MAX_ENTRIES} entries, and links that leave the archive or loop.
 *
 * <p>Why not commons-compress {@code TarFile}: it keeps every entry header in memory with no bound; this scan
 * uses its header parser ({@link TarArchiveInputStream}) but stops at {@link #MAX_ENTRIES}.
 */
public final class TarIndex implements Closeable {
  public static final int MAX_ENTRIES = 100_000;
  private static final int MAX_LINK_HOPS = 8;

  private final Path file;
  private final String describe;
  private final FileChannel channel;
  private final Map<String, Entry> entries;

  /** An indexed entry: a regular file's data range, or a link to another name. */
  public record Entry(String name, long offset, long size, @Nullable String linkTo) {}

  private TarIndex(Path file, String describe, FileChannel channel, Map<String, Entry> entries) {
    this.file = file;
    this.describe = describe;
    this.channel = channel;
    this.entries = entries;
  }

  /**
   * Indexes {@code file}.
   *
   * @param describe how to name the archive in errors ({@code oci-archive:x.tar})
   */
  public static TarIndex open(Path file, String describe) throws IOException {
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      throw DrydockException.notFound("Tried to open " + describe + " but failed because: " + file + " does not exist");
    }
    try {
      if (!Files.isRegularFile(file)) {
        throw invalid(describe, file + " is not a regular file");
      }
      long fileSize = channel.size();
      ByteBuffer head = ByteBuffer.allocate(2);
      channel.read(head, 0);
      if (head.position() == 2 && (head.get(0) & 0xff) == 0x1f && (head.get(1) & 0xff) == 0x8b) {
        throw invalid(describe, "it is gzip-compressed; decompress it first (gunzip)");
      }
      Map<String, Entry> entries = new LinkedHashMap<>();
      CountingInputStream counting = new CountingInputStream(new BufferedInputStream(Files.newInputStream(file), 64 * 1024));
      try (TarArchiveInputStream tar = new TarArchiveInputStream(counting)) {
        TarArchiveEntry e;
        while ((e = nextEntry(tar, describe)) != null) {
          if (entries.size() >= MAX_ENTRIES) {
            throw invalid(describe, "it has more than " + MAX_ENTRIES + " entries");
          }
          String name = normalize(e.getName(), describe);
          if (name.isEmpty()) {
            continue;
          }
          if (e.isSparse()) {
            throw invalid(describe, "entry '" + name + "' is a sparse file");
          }
          Entry entry;
          if (e.isSymbolicLink()) {
            entry = new Entry(name, -1, 0, resolveRelative(name, e.getLinkName(), describe));
          } else if (e.isLink()) {
            entry = new Entry(name, -1, 0, normalize(e.getLinkName(), describe));
          } else if (isRegular(e)) {
            long offset = counting.count();
            if (offset + e.getSize() > fileSize) {
              throw invalid(describe, "entry '" + name + "' ends past the end of the file (truncated archive)");
            }
            entry = new Entry(name, offset, e.getSize(), null);
          } else {
            continue;
          }
          if (entries.putIfAbsent(name, entry) != null) {
            throw invalid(describe, "entry '" + name + "' appears more than once");
          }
        }
      }
      return new TarIndex(file, describe, channel, Collections.unmodifiableMap(entries));
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  private static boolean isRegular(TarArchiveEntry e) {
    byte flag = e.getLinkFlag();
    return !e.isDirectory() && (flag == TarConstants.LF_NORMAL || flag == TarConstants.LF_OLDNORM || flag == TarConstants.LF_CONTIG);
  }

  private static @Nullable TarArchiveEntry nextEntry(TarArchiveInputStream tar, String describe) throws IOException {
    try {
      return tar.getNextEntry();
    } catch (IOException | IllegalArgumentException e) {
      if (e instanceof java.nio.channels.ClosedByInterruptException) {
        throw (IOException) e;
      }
      throw invalid(describe, "it is not a readable tar archive (" + oneLine(e.getMessage()) + ")");
    }
  }

  /** The archive file. */
  public Path file() {
    return file;
  }

  public String describe() {
    return describe;
  }

  /** Names of all regular files and links, in archive order. */
  public List<String> names() {
    return new ArrayList<>(entries.keySet());
  }

  /** The regular-file entry for {@code name}, following links inside the archive; null when absent. */
  public @Nullable Entry find(String name) {
    Entry e = entries.get(name);
    for (int hops = 0; e != null && e.linkTo() != null; hops++) {
      if (hops >= MAX_LINK_HOPS) {
        throw invalid(describe, "entry '" + name + "' is a link chain longer than " + MAX_LINK_HOPS + " (loop?)");
      }
      e = entries.get(e.linkTo());
    }
    return e;
  }

  /** Opens a regular file entry (links followed); NOT_FOUND when absent. */
  public InputStream open(String name) {
    Entry e = find(name);
    if (e == null) {
      throw DrydockException.notFound("Tried to read '" + name + "' from " + describe + " but failed because: the archive has no such entry");
    }
    return new SliceInputStream(channel, e.offset(), e.size());
  }

  /** Reads a small entry whole; refuses one larger than {@code maxBytes} without reading it. */
  public byte[] read(String name, long maxBytes) throws IOException {
    Entry e = find(name);
    if (e == null) {
      throw DrydockException.notFound("Tried to read '" + name + "' from " + describe + " but failed because: the archive has no such entry");
    }
    if (e.size() > maxBytes) {
      throw invalid(describe, "'" + name + "' is " + e.size() + " bytes, more than the " + maxBytes + " allowed");
    }
    try (InputStream in = new SliceInputStream(channel, e.offset(), e.size())) {
      return in.readAllBytes();
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  /** Makes an archive name relative and clean; refuses absolute names and {@code ..}. */
  static String normalize(String raw, String describe) {
    String name = raw;
    if (name.startsWith("/")) {
      throw invalid(describe, "entry '" + oneLine(raw) + "' has an absolute name");
    }
    List<String> parts = new ArrayList<>();
    for (String part : name.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        throw invalid(describe, "entry '" + oneLine(raw) + "' escapes the archive root");
      }
      parts.add(part);
    }
    return String.join("/", parts);
  }

  private static String resolveRelative(String name, String target, String describe) {
    if (target.startsWith("/")) {
      throw invalid(describe, "link '" + name + "' points to absolute path '" + oneLine(target) + "'");
    }
    List<String> parts = new ArrayList<>(List.of(name.split("/")));
    parts.remove(parts.size() - 1);
    for (String part : target.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (parts.isEmpty()) {
          throw invalid(describe, "link '" + name + "' points outside the archive ('" + oneLine(target) + "')");
        }
        parts.remove(parts.size() - 1);
      } else {
        parts.add(part);
      }
    }
    return String.join("/", parts);
  }

  static String oneLine(@Nullable String s) {
    if (s == null) {
      return "";
    }
    String t = s.replaceAll("[\\r\\n\\t]+", " ");
    return t.length() > 200 ? t.substring(0, 200) + "…" : t;
  }

  static DrydockException invalid(String describe, String because) {
    return new DrydockException(ErrorKind.INVALID_INPUT, "Tried to read " + describe + " but failed because: " + because);
  }

  /** Counts bytes consumed (read or skipped) to know where each entry's data starts. */
  private static final class CountingInputStream extends CountingFilterInputStream {
    private long count;

    CountingInputStream(InputStream in) {
      super(in);
    }

    long count() {
      return count;
    }

    @Override
    protected void counted(long n) {
      count += n;
    }

    @Override
    public boolean markSupported() {
      return false;
    }
  }

  /** Reads {@code [offset, offset+size)} of a channel with positional reads; many may be open at once. */
  static final class SliceInputStream extends ChunkInputStream {
    private final FileChannel channel;
    private final long end;
    private long position;

    SliceInputStream(FileChannel channel, long offset, long size) {
      this.channel = Objects.requireNonNull(channel);
      this.position = offset;
      this.end = offset + size;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      Objects.checkFromIndexSize(off, len, b.length);
      if (position >= end) {
        return -1;
      }
      if (len == 0) {
        return 0;
      }
      int want = (int) Math.min(len, end - position);
      int n = channel.read(ByteBuffer.wrap(b, off, want), position);
      if (n < 0) {
        return -1;
      }
      position += n;
      return n;
    }

    @Override
    public long skip(long n) {
      long s = Math.max(0, Math.min(n, end - position));
      position += s;
      return s;
    }

    @Override
    public int available() {
      return (int) Math.min(Integer.MAX_VALUE, end - position);
    }
  }
}
