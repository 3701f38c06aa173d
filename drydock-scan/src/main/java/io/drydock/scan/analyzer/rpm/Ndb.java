package io.drydock.scan.analyzer.rpm;

import io.drydock.model.DrydockException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * Reads the header blobs of an rpm NDB {@code Packages.db} (SUSE's format, rpm's {@code lib/backend/ndb}).
 * Port of go-rpmdb {@code pkg/ndb} (MIT, Copyright (c) 2021 SUSE LLC): a 32-byte header ("RpmP", version 0,
 * generation, number of slot pages), slot pages of 4 KiB holding 16-byte slots ("Slot", package index, block
 * offset, block count), and at {@code blockOffset * 16} a blob header ("BlbS", package index, checksum, length)
 * followed by the header blob. The Adler-32 checksum is not verified (neither does go-rpmdb).
 *
 * <p>Hostile files: at most 2048 slot pages (go-rpmdb's limit), slot pages must lie inside the file, every blob
 * must lie inside the file, fit the blocks its slot reserves and be at most {@link BlobSink#MAX_BLOB}.
 */
final class Ndb {
  private Ndb() {}

  static final int HEADER_MAGIC = 'R' | 'p' << 8 | 'm' << 16 | 'P' << 24;
  private static final int SLOT_MAGIC = 'S' | 'l' << 8 | 'o' << 16 | 't' << 24;
  private static final int BLOB_MAGIC = 'B' | 'l' << 8 | 'b' << 16 | 'S' << 24;
  private static final int SLOT_PAGE = 4096;
  private static final int BLOCK = 16;
  private static final int MAX_SLOT_PAGES = 2048;

  static boolean matches(byte[] head) {
    return head.length >= 4 && ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN).getInt(0) == HEADER_MAGIC;
  }

  static void read(FileChannel ch, String location, BlobSink sink) throws IOException {
    long fileSize = ch.size();
    if (fileSize < 32) {
      throw invalid(location, "the file has " + fileSize + " bytes, less than the 32-byte NDB header");
    }
    byte[] head = new byte[32];
    Io.readFully(ch, 0, head, 32);
    ByteBuffer h = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
    if (h.getInt(0) != HEADER_MAGIC) {
      throw invalid(location, "no NDB magic number");
    }
    if (h.getInt(4) != 0) {
      throw invalid(location, "unsupported NDB version " + Integer.toUnsignedString(h.getInt(4)));
    }
    long slotPages = Integer.toUnsignedLong(h.getInt(12));
    if (slotPages == 0 || slotPages > MAX_SLOT_PAGES) {
      throw invalid(location, "the header names " + slotPages + " slot pages (allowed 1.." + MAX_SLOT_PAGES + ")");
    }
    if (slotPages * SLOT_PAGE > fileSize) {
      throw invalid(location, "its " + slotPages + " slot pages need " + slotPages * SLOT_PAGE
          + " bytes but the file has " + fileSize);
    }
    byte[] slotPage = new byte[SLOT_PAGE];
    ByteBuffer s = ByteBuffer.wrap(slotPage).order(ByteOrder.LITTLE_ENDIAN);
    byte[] blobHead = new byte[16];
    ByteBuffer bh = ByteBuffer.wrap(blobHead).order(ByteOrder.LITTLE_ENDIAN);
    for (long p = 0; p < slotPages; p++) {
      Io.readFully(ch, p * SLOT_PAGE, slotPage, SLOT_PAGE);
      for (int i = p == 0 ? 2 : 0; i < SLOT_PAGE / 16; i++) { // the first two slots are the NDB header
        int at = i * 16;
        if (s.getInt(at) != SLOT_MAGIC) {
          sink.skip(location + " slot " + (p * 256 + i), "bad slot magic; the rest of the slots were not read");
          return;
        }
        long pkgIndex = Integer.toUnsignedLong(s.getInt(at + 4));
        if (pkgIndex == 0) {
          continue;
        }
        long blkOffset = Integer.toUnsignedLong(s.getInt(at + 8));
        long blkCount = Integer.toUnsignedLong(s.getInt(at + 12));
        String id = location + " package " + pkgIndex;
        long blobAt = blkOffset * BLOCK;
        if (blobAt < slotPages * SLOT_PAGE || blobAt + 16 > fileSize) {
          sink.skip(id, "blob offset " + blobAt + " outside the data area of the file");
          continue;
        }
        Io.readFully(ch, blobAt, blobHead, 16);
        if (bh.getInt(0) != BLOB_MAGIC) {
          sink.skip(id, "bad blob magic");
          continue;
        }
        if (Integer.toUnsignedLong(bh.getInt(4)) != pkgIndex) {
          sink.skip(id, "blob belongs to package " + Integer.toUnsignedString(bh.getInt(4)));
          continue;
        }
        long len = Integer.toUnsignedLong(bh.getInt(12));
        if (len > BlobSink.MAX_BLOB || blobAt + 16 + len > fileSize || 16 + len > blkCount * BLOCK) {
          sink.skip(id, "blob length " + len + " exceeds its blocks, the file or the limit");
          continue;
        }
        byte[] blob = new byte[(int) len];
        Io.readFully(ch, blobAt + 16, blob, (int) len);
        sink.blob(id, blob);
      }
    }
  }

  private static DrydockException invalid(String location, String why) {
    return DrydockException.invalidInput("Tried to read the rpm NDB database " + location + " but failed because: " + why);
  }
}
