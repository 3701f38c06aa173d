package io.drydock.scan.analyzer.rpm;

/** Receives the header blobs a database reader finds, and the records it had to leave out. */
interface BlobSink {
  /** At most this many bytes per header blob; larger records are skipped (rpm itself stops at 256 MiB). */
  int MAX_BLOB = 64 * 1024 * 1024;

  void blob(String id, byte[] blob);

  void skip(String id, String reason);
}
