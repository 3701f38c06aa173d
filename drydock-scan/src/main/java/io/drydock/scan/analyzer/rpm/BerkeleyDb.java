package io.drydock.scan.analyzer.rpm;

import io.drydock.model.DrydockException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.Set;

/**
 * Reads the header blobs of an rpm {@code Packages} file in Berkeley DB hash format (read-only, no locking, no
 * libdb). Port of go-rpmdb {@code pkg/bdb} (MIT): walk every page up to the last page the metadata names; on
 * hash pages (type 13, or 2 in RHEL 5) take the value of each key/value pair; a value stored off-page
 * (HOFFPAGE, type 3) is the concatenation of its chain of overflow pages (type 7). Small values stored on the
 * page itself (H_KEYDATA, type 1) are read too.
 *
 * <p>Hostile files: the page size must be one Berkeley DB allows, pages beyond the end of the file are not
 * read, every in-page offset is checked against the page, an overflow chain may not be longer than the file
 * has pages nor produce more than the length its entry announced (at most {@link BlobSink#MAX_BLOB}).
 */
final class BerkeleyDb {
  private BerkeleyDb() {}

  static final int HASH_MAGIC = 0x061561;
  private static final Set<Integer> PAGE_SIZES = Set.of(512, 1024, 2048, 4096, 8192, 16384, 32768, 65536);
  private static final int PAGE_HEADER = 26;
  private static final int HASH_META = 8;
  private static final int HASH_PAGE = 13;
  private static final int HASH_UNSORTED = 2;
  private static final int OVERFLOW = 7;
  private static final int H_KEYDATA = 1;
  private static final int H_OFFPAGE = 3;

  /** True when the first bytes look like a Berkeley DB hash database (either byte order). */
  static boolean matches(byte[] head) {
    if (head.length < 16) {
      return false;
    }
    ByteBuffer b = ByteBuffer.wrap(head);
    return b.order(ByteOrder.LITTLE_ENDIAN).getInt(12) == HASH_MAGIC || b.order(ByteOrder.BIG_ENDIAN).getInt(12) == HASH_MAGIC;
  }

  static void read(FileChannel ch, String location, BlobSink sink) throws IOException {
    long fileSize = ch.size();
    byte[] meta = new byte[512];
    if (fileSize < meta.length) {
      throw invalid(location, "the file has " + fileSize + " bytes, less than one metadata page");
    }
    Io.readFully(ch, 0, meta, meta.length);
    ByteBuffer m = ByteBuffer.wrap(meta).order(ByteOrder.LITTLE_ENDIAN);
    if (m.getInt(12) != HASH_MAGIC) {
      m.order(ByteOrder.BIG_ENDIAN);
      if (m.getInt(12) != HASH_MAGIC) {
        throw invalid(location, "no Berkeley DB hash magic number");
      }
    }
    ByteOrder order = m.order();
    int pageSize = m.getInt(20);
    if (!PAGE_SIZES.contains(pageSize)) {
      throw invalid(location, "page size " + Integer.toUnsignedString(pageSize) + " is not a power of two from 512 to 65536");
    }
    if (meta[24] != 0) {
      throw invalid(location, "the database is encrypted (algorithm " + meta[24] + ")");
    }
    if (meta[25] != HASH_META) {
      throw invalid(location, "page 0 has type " + meta[25] + ", not hash metadata (8)");
    }
    long lastPage = Integer.toUnsignedLong(m.getInt(32));
    long pagesInFile = fileSize / pageSize;
    long pages = Math.min(lastPage + 1, pagesInFile);
    if (lastPage + 1 > pagesInFile) {
      sink.skip(location, "metadata names page " + lastPage + " but the file ends after page " + (pagesInFile - 1));
    }

    byte[] pageBytes = new byte[pageSize];
    ByteBuffer page = ByteBuffer.wrap(pageBytes).order(order);
    byte[] overflow = new byte[pageSize];
    ByteBuffer over = ByteBuffer.wrap(overflow).order(order);
    for (long pageNo = 1; pageNo < pages; pageNo++) {
      Io.readFully(ch, pageNo * pageSize, pageBytes, pageSize);
      int type = pageBytes[25] & 0xff;
      if (type != HASH_PAGE && type != HASH_UNSORTED) {
        continue;
      }
      int entries = Short.toUnsignedInt(page.getShort(20));
      String where = location + " page " + pageNo;
      if (entries % 2 != 0 || PAGE_HEADER + 2L * entries > pageSize) {
        sink.skip(where, "hash page with " + entries + " index entries");
        continue;
      }
      for (int i = 1; i < entries; i += 2) {
        int off = Short.toUnsignedInt(page.getShort(PAGE_HEADER + 2 * i));
        String id = where + " item " + i;
        if (off < PAGE_HEADER || off >= pageSize) {
          sink.skip(id, "item offset " + off + " outside the page");
          continue;
        }
        int itemType = pageBytes[off] & 0xff;
        if (itemType == H_KEYDATA) {
          // The item runs to the start of the item before it (items are laid out from the end of the page down).
          int prev = Short.toUnsignedInt(page.getShort(PAGE_HEADER + 2 * (i - 1)));
          int end = prev > off && prev <= pageSize ? prev : pageSize;
          int len = end - off - 1;
          if (len >= 24) { // smaller values are rpm's bookkeeping (the next-instance counter), not headers
            byte[] blob = new byte[len];
            System.arraycopy(pageBytes, off + 1, blob, 0, len);
            sink.blob(id, blob);
          }
          continue;
        }
        if (itemType != H_OFFPAGE) {
          continue;
        }
        if (off + 12 > pageSize) {
          sink.skip(id, "off-page item truncated by the end of the page");
          continue;
        }
        long first = Integer.toUnsignedLong(page.getInt(off + 4));
        long total = Integer.toUnsignedLong(page.getInt(off + 8));
        if (total > BlobSink.MAX_BLOB || total > pages * (pageSize - PAGE_HEADER)) {
          sink.skip(id, "value of " + total + " bytes is larger than the limit or the file");
          continue;
        }
        byte[] blob = new byte[(int) total];
        int filled = 0;
        long next = first;
        String problem = null;
        long steps = 0;
        while (next != 0) {
          if (next >= pages) {
            problem = "overflow page " + next + " is beyond the last page";
            break;
          }
          if (++steps > pages) {
            problem = "overflow chain loops";
            break;
          }
          Io.readFully(ch, next * pageSize, overflow, pageSize);
          if ((overflow[25] & 0xff) != OVERFLOW) {
            problem = "page " + next + " in an overflow chain has type " + (overflow[25] & 0xff);
            break;
          }
          long after = Integer.toUnsignedLong(over.getInt(16));
          int len = after == 0 ? Short.toUnsignedInt(over.getShort(22)) : pageSize - PAGE_HEADER;
          if (len > pageSize - PAGE_HEADER || filled + (long) len > total) {
            problem = "overflow chain holds more than the announced " + total + " bytes";
            break;
          }
          System.arraycopy(overflow, PAGE_HEADER, blob, filled, len);
          filled += len;
          next = after;
        }
        if (problem == null && filled != total) {
          problem = "overflow chain holds " + filled + " bytes, announced " + total;
        }
        if (problem != null) {
          sink.skip(id, problem);
        } else {
          sink.blob(id, blob);
        }
      }
    }
  }

  private static DrydockException invalid(String location, String why) {
    return DrydockException.invalidInput(
        "Tried to read the rpm Berkeley DB " + location + " but failed because: " + why);
  }
}
