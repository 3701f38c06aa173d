package io.drydock.router.haproxy;

import io.drydock.model.DrydockException;
import io.drydock.rollout.spi.ServerStats;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Pure parsers for the Runtime API's {@code show stat} (CSV) and {@code show servers conn} (table) answers. */
final class StatsCsv {
  private StatsCsv() {}

  /** One {@code show stat} row, by column name. */
  record Row(Map<String, String> fields) {
    Row {
      fields = Map.copyOf(fields);
    }

    String get(String name) {
      return fields.getOrDefault(name, "");
    }

    String backend() {
      return get("pxname");
    }

    String server() {
      return get("svname");
    }

    boolean isServer() {
      return !server().equals("FRONTEND") && !server().equals("BACKEND");
    }

    long number(String name) {
      String v = get(name).strip();
      if (v.isEmpty()) {
        return 0;
      }
      try {
        return Long.parseLong(v);
      } catch (NumberFormatException e) {
        throw DrydockException.invalidInput("Tried to read HAProxy's `show stat` but failed because: column " + name
            + " of " + backend() + "/" + server() + " is not a number: '" + Replies.quote(v) + "'");
      }
    }

    /** The last health check passed (L4OK, L6OK, L7OK; HAProxy prefixes "* " while a check runs). */
    boolean checkPassed() {
      String s = get("check_status").replace("*", "").strip();
      return s.equals("L4OK") || s.equals("L6OK") || s.equals("L7OK");
    }

    /**
     * Operationally up: status UP (also "UP 1/2", up but failing), or DRAIN / NOLB which HAProxy shows only for a
     * server that is up, and the last check passed.
     */
    boolean healthyByCheck() {
      String status = get("status").toUpperCase(Locale.ROOT);
      boolean up = status.startsWith("UP") || status.startsWith("DRAIN") || status.startsWith("NOLB");
      return up && checkPassed();
    }

    ServerStats toServerStats() {
      String weight = get("uweight").isBlank() ? "weight" : "uweight";
      return new ServerStats(backend(), server(), get("addr"), get("status"), (int) number(weight),
          number("scur"), number("stot"), number("hrsp_2xx"), number("hrsp_3xx"), number("hrsp_4xx"),
          number("hrsp_5xx"), number("econ"), number("eresp"), number("rtime"));
    }
  }

  /** Parses the whole answer of {@code show stat}: a header line "# pxname,svname,…" then one row per line. */
  static List<Row> parse(String csv) {
    List<Row> rows = new ArrayList<>();
    String[] header = null;
    for (String line : csv.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      if (line.startsWith("#")) {
        header = line.substring(1).strip().split(",", -1);
        continue;
      }
      if (header == null) {
        throw DrydockException.invalidInput("Tried to read HAProxy's `show stat` but failed because: no header line before '"
            + Replies.quote(line) + "'");
      }
      String[] values = line.split(",", -1);
      Map<String, String> fields = new HashMap<>();
      for (int i = 0; i < header.length && i < values.length; i++) {
        if (!header[i].isEmpty() && !header[i].equals("-")) {
          fields.put(header[i], values[i]);
        }
      }
      rows.add(new Row(fields));
    }
    if (header == null) {
      throw DrydockException.invalidInput("Tried to read HAProxy's `show stat` but failed because: HAProxy answered: "
          + Replies.quote(csv.strip()));
    }
    return rows;
  }

  static List<Row> servers(List<Row> rows, String backend) {
    return rows.stream().filter(r -> r.isServer() && r.backend().equals(backend)).toList();
  }

  static Optional<Row> server(List<Row> rows, String backend, String server) {
    return rows.stream().filter(r -> r.backend().equals(backend) && r.server().equals(server) && r.isServer()).findFirst();
  }

  /**
   * Parses {@code show servers conn BACKEND}: "# bkname/svname bkid/svid addr port - purge_delay used_cur …" then
   * one whitespace-separated row per server. Returns server name → used_cur (connections in use now).
   */
  static Map<String, Long> usedConnections(String table) {
    Map<String, Long> used = new HashMap<>();
    int column = -1;
    for (String line : table.split("\n")) {
      String l = line.strip();
      if (l.isEmpty()) {
        continue;
      }
      if (l.startsWith("#")) {
        List<String> names = List.of(l.substring(1).strip().split("\\s+"));
        column = names.indexOf("used_cur");
        continue;
      }
      if (column < 0) {
        throw DrydockException.invalidInput("Tried to read HAProxy's `show servers conn` but failed because: HAProxy answered: "
            + Replies.quote(table.strip()));
      }
      String[] values = l.split("\\s+");
      if (values.length <= column) {
        continue;
      }
      String name = values[0];
      int slash = name.indexOf('/');
      try {
        used.put(slash >= 0 ? name.substring(slash + 1) : name, Long.parseLong(values[column]));
      } catch (NumberFormatException e) {
        throw DrydockException.invalidInput("Tried to read HAProxy's `show servers conn` but failed because: used_cur of "
            + name + " is not a number: '" + Replies.quote(values[column]) + "'");
      }
    }
    return used;
  }
}
