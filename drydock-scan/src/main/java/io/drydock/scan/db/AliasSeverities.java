package io.drydock.scan.db;

import io.drydock.model.Advisory;
import io.drydock.model.Finding;
import io.drydock.model.Severity;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/** The last step of an import ({@link VulnDbImporter}): severities borrowed from aliases, in SQL over the new DB. */
final class AliasSeverities {
  private static final String SEVERITY_RANK =
      "CASE a.severity WHEN 'CRITICAL' THEN 4 WHEN 'HIGH' THEN 3 WHEN 'MEDIUM' THEN 2 WHEN 'LOW' THEN 1 ELSE 0 END";

  private AliasSeverities() {}

  /**
   * Gives records without a severity of their own (an Alpine secdb id, a PYSEC record) the severity of another
   * record of the same vulnerability (sharing an id or alias) that has one: a scored CVSS vector first, then a
   * stated severity; the highest severity among equals, then the lowest id. Chains are not followed (only
   * records whose severity is their own are sources).
   */
  static long resolve(Connection db) throws SQLException {
    try (Statement st = db.createStatement()) {
      st.execute("CREATE TEMP TABLE keys (advisory_id TEXT NOT NULL, key TEXT NOT NULL)");
      st.execute("INSERT INTO keys SELECT id, id FROM advisories WHERE withdrawn = 0");
      st.execute(
          "INSERT INTO keys SELECT l.advisory_id, l.alias FROM aliases l JOIN advisories a ON a.id = l.advisory_id"
              + " WHERE a.withdrawn = 0");
      st.execute("CREATE INDEX temp.keys_by_key ON keys (key)");
      st.execute("CREATE INDEX temp.keys_by_advisory ON keys (advisory_id)");
    }
    // the best source per key first (linear in keys), then each record without a severity looks at its own keys:
    // never the pairs of a key shared by many records
    try (Statement st = db.createStatement()) {
      st.execute(
          "CREATE TEMP TABLE best_by_key AS SELECT key, id, severity, severity_from, cvss_vector FROM ("
              + " SELECT k.key AS key, a.id AS id, a.severity AS severity, a.severity_from AS severity_from,"
              + " a.cvss_vector AS cvss_vector, ROW_NUMBER() OVER (PARTITION BY k.key ORDER BY"
              + " (a.severity_from = 'cvss') DESC, " + SEVERITY_RANK + " DESC, a.id) AS rn"
              + " FROM keys k JOIN advisories a ON a.id = k.advisory_id"
              + " WHERE a.withdrawn = 0 AND a.severity_from IN ('cvss', 'record')) WHERE rn = 1");
      st.execute("CREATE INDEX temp.best_by_key_key ON best_by_key (key)");
    }
    String sql =
        "SELECT u.id, b.id, b.severity, b.severity_from, b.cvss_vector FROM advisories u"
            + " JOIN keys ku ON ku.advisory_id = u.id JOIN best_by_key b ON b.key = ku.key"
            + " WHERE u.severity_from = 'none' AND u.withdrawn = 0 ORDER BY u.id";
    Map<String, String[]> best = new LinkedHashMap<>();
    try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        String[] candidate = {rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)};
        best.merge(rs.getString(1), candidate, (old, neu) -> better(neu, old) ? neu : old);
      }
    }
    long updated = 0;
    try (PreparedStatement read = db.prepareStatement("SELECT json FROM advisories WHERE id = ?");
        PreparedStatement write = db.prepareStatement(
            "UPDATE advisories SET severity = ?, severity_from = 'alias', cvss_vector = ?, json = ? WHERE id = ?")) {
      for (Map.Entry<String, String[]> e : best.entrySet()) {
        read.setString(1, e.getKey());
        Advisory a;
        try (ResultSet rs = read.executeQuery()) {
          if (!rs.next()) {
            continue;
          }
          a = OsvJson.parse(rs.getBytes(1));
        } catch (OsvJson.MalformedRecordException ex) {
          continue; // written by this import a moment ago; cannot happen
        }
        String vector = e.getValue()[3];
        Finding.Cvss cvss = vector == null ? null : CvssScoring.score(vector).orElse(null);
        Severity severity = cvss != null ? CvssScoring.severity(cvss) : Severity.valueOf(e.getValue()[1]);
        Advisory resolved = a.withSeverity(severity, cvss);
        write.setString(1, severity.name());
        write.setString(2, cvss == null ? null : cvss.vector());
        write.setBytes(3, OsvJson.write(resolved));
        write.setString(4, a.id());
        write.executeUpdate();
        updated++;
      }
    }
    try (Statement st = db.createStatement()) {
      st.execute("DROP TABLE temp.best_by_key");
      st.execute("DROP TABLE temp.keys");
    }
    return updated;
  }

  /** {id, severity, severity_from, vector}: a scored vector beats a stated severity, then higher, then lower id. */
  private static boolean better(String[] a, String[] b) {
    boolean aCvss = a[2].equals("cvss");
    boolean bCvss = b[2].equals("cvss");
    if (aCvss != bCvss) {
      return aCvss;
    }
    int bySeverity = Severity.valueOf(a[1]).compareTo(Severity.valueOf(b[1]));
    if (bySeverity != 0) {
      return bySeverity > 0;
    }
    return a[0].compareTo(b[0]) < 0;
  }
}
