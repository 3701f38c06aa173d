package io.drydock.scan.analyzer.rpm;

import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * Reads the header blobs of an rpm {@code rpmdb.sqlite} (rpm 4.16+: table {@code Packages(hnum, blob)}) with
 * sqlite-jdbc, opened read-only and immutable so that SQLite writes no journal or WAL file beside it.
 */
final class Sqlite {
  private Sqlite() {}

  private static final byte[] MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

  static boolean matches(byte[] head) {
    return head.length >= 16 && Arrays.equals(head, 0, 16, MAGIC, 0, 16);
  }

  static void read(Path file, String location, BlobSink sink) {
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.setOpenMode(SQLiteOpenMode.OPEN_URI);
    String url = "jdbc:sqlite:file:" + file.toUri().getRawPath() + "?immutable=1";
    try (Connection c = config.createConnection(url);
        PreparedStatement st = c.prepareStatement(
            "SELECT hnum, length(blob), CASE WHEN length(blob) <= ? THEN blob END FROM Packages")) {
      st.setInt(1, BlobSink.MAX_BLOB);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          String id = location + " hnum " + rs.getLong(1);
          long len = rs.getLong(2);
          byte[] blob = rs.getBytes(3);
          if (blob == null) {
            sink.skip(id, len > BlobSink.MAX_BLOB ? "blob of " + len + " bytes is larger than " + BlobSink.MAX_BLOB : "no blob");
          } else {
            sink.blob(id, blob);
          }
        }
      }
    } catch (SQLException e) {
      throw new DrydockException(ErrorKind.INVALID_INPUT,
          "Tried to read the rpm SQLite database " + location + " but failed because: " + oneLine(e.getMessage()), e);
    }
  }

  private static String oneLine(String s) {
    return s == null ? "unknown SQLite error" : s.replaceAll("\\s+", " ").trim();
  }
}
