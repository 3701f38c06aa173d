package io.drydock.scan.analyzer.os;

import io.drydock.model.OsInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Pure parsers of OS release files; each returns what one file says, or null when it says nothing usable. */
final class ReleaseFiles {
  private ReleaseFiles() {}

  static final String OS_RELEASE = "etc/os-release";
  static final String USR_OS_RELEASE = "usr/lib/os-release";
  static final String LSB_RELEASE = "etc/lsb-release";
  static final String DEBIAN_VERSION = "etc/debian_version";
  static final String SUSE_RELEASE = "etc/SuSE-release";

  /**
   * Every path the OS analyzer reads, most authoritative first. The order after the os-release files is the
   * order {@link OsDetection#merge} uses when there is no os-release at all.
   */
  static final List<String> PATHS = List.of(
      OS_RELEASE,
      USR_OS_RELEASE,
      LSB_RELEASE,
      "etc/alpine-release",
      "etc/centos-release",
      "etc/rocky-release",
      "etc/almalinux-release",
      "etc/oracle-release",
      "etc/fedora-release",
      "etc/redhat-release",
      "etc/system-release",
      "etc/mariner-release",
      SUSE_RELEASE,
      DEBIAN_VERSION);

  /** Longest prefixes first: "CentOS Stream" before "CentOS". */
  private static final List<Map.Entry<String, String>> NAME_TO_FAMILY = List.of(
      Map.entry("red hat enterprise linux", "rhel"),
      Map.entry("centos", "centos"),
      Map.entry("rocky linux", "rocky"),
      Map.entry("almalinux", "almalinux"),
      Map.entry("fedora", "fedora"),
      Map.entry("oracle linux", "ol"),
      Map.entry("amazon linux", "amzn"),
      Map.entry("cbl-mariner", "mariner"),
      Map.entry("scientific linux", "scientific"),
      Map.entry("suse linux enterprise server", "sles"),
      Map.entry("suse linux enterprise desktop", "sled"),
      Map.entry("opensuse", "opensuse"));

  private static final Pattern RELEASE_VERSION = Pattern.compile("(?i)\\brelease\\s+(\\d[0-9A-Za-z._-]*)");
  private static final Pattern FIRST_VERSION = Pattern.compile("\\b(\\d+(?:\\.\\d+)*)\\b");
  private static final Pattern KEY_VALUE = Pattern.compile("^\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*(.*?)\\s*$");

  static @Nullable OsInfo parse(String path, String content) {
    return switch (path) {
      case OS_RELEASE, USR_OS_RELEASE -> osRelease(content);
      case LSB_RELEASE -> lsbRelease(content);
      case "etc/alpine-release" -> single("alpine", content);
      case DEBIAN_VERSION -> single("debian", content);
      case SUSE_RELEASE -> suseRelease(content);
      default -> releaseLine(content);
    };
  }

  /** os-release(5): shell-like KEY=VALUE lines; ID (lower case), VERSION_ID, PRETTY_NAME. */
  static @Nullable OsInfo osRelease(String content) {
    Map<String, String> kv = keyValues(content);
    String id = kv.get("ID");
    if (id == null || id.isBlank()) {
      return null;
    }
    return new OsInfo(id.trim().toLowerCase(Locale.ROOT), kv.getOrDefault("VERSION_ID", "").trim(), kv.get("PRETTY_NAME"));
  }

  static @Nullable OsInfo lsbRelease(String content) {
    Map<String, String> kv = keyValues(content);
    String id = kv.get("DISTRIB_ID");
    if (id == null || id.isBlank()) {
      return null;
    }
    return new OsInfo(
        id.trim().toLowerCase(Locale.ROOT), kv.getOrDefault("DISTRIB_RELEASE", "").trim(), kv.get("DISTRIB_DESCRIPTION"));
  }

  /** A file whose first line is just the version ({@code 3.20.3}, {@code 12.15}, {@code trixie/sid}). */
  private static @Nullable OsInfo single(String family, String content) {
    String first = firstLine(content);
    if (first.isEmpty() || first.length() > 64 || !first.matches("[0-9A-Za-z._~+/-]+")) {
      return null;
    }
    return new OsInfo(family, first, null);
  }

  /** {@code Red Hat Enterprise Linux release 8.10 (Ootpa)}, {@code CentOS Linux release 7.9.2009 (Core)} … */
  static @Nullable OsInfo releaseLine(String content) {
    String first = firstLine(content);
    String family = familyOf(first);
    if (family == null) {
      return null;
    }
    Matcher m = RELEASE_VERSION.matcher(first);
    String version = "";
    if (m.find()) {
      version = m.group(1);
    } else {
      Matcher f = FIRST_VERSION.matcher(first);
      if (f.find()) {
        version = f.group(1);
      }
    }
    return new OsInfo(family, version, first);
  }

  /** The old {@code /etc/SuSE-release}: a name line, then {@code VERSION = 11} and {@code PATCHLEVEL = 4}. */
  static @Nullable OsInfo suseRelease(String content) {
    String first = firstLine(content);
    String family = familyOf(first);
    if (family == null) {
      return null;
    }
    Map<String, String> kv = keyValues(content);
    String version = kv.getOrDefault("VERSION", "").trim();
    String patch = kv.getOrDefault("PATCHLEVEL", "").trim();
    if (!patch.isEmpty() && !version.isEmpty() && !version.contains(".")) {
      version = version + "." + patch;
    }
    return new OsInfo(family, version, first);
  }

  private static @Nullable String familyOf(String line) {
    String lower = line.toLowerCase(Locale.ROOT);
    for (Map.Entry<String, String> e : NAME_TO_FAMILY) {
      if (lower.startsWith(e.getKey())) {
        return e.getValue();
      }
    }
    return null;
  }

  private static String firstLine(String content) {
    for (String line : content.split("\n", -1)) {
      String t = line.strip();
      if (!t.isEmpty()) {
        return t;
      }
    }
    return "";
  }

  static Map<String, String> keyValues(String content) {
    Map<String, String> kv = new HashMap<>();
    for (String line : content.split("\n")) {
      if (line.stripLeading().startsWith("#")) {
        continue;
      }
      Matcher m = KEY_VALUE.matcher(line);
      if (m.matches()) {
        kv.put(m.group(1), unquote(m.group(2)));
      }
    }
    return kv;
  }

  /** Removes shell quotes and backslash escapes (os-release(5) allows "…", '…' and \-escapes in "…"). */
  static String unquote(String v) {
    if (v.length() >= 2 && v.charAt(0) == '\'' && v.charAt(v.length() - 1) == '\'') {
      return v.substring(1, v.length() - 1);
    }
    if (v.length() >= 2 && v.charAt(0) == '"' && v.charAt(v.length() - 1) == '"') {
      String inner = v.substring(1, v.length() - 1);
      StringBuilder sb = new StringBuilder(inner.length());
      for (int i = 0; i < inner.length(); i++) {
        char c = inner.charAt(i);
        if (c == '\\' && i + 1 < inner.length()) {
          sb.append(inner.charAt(++i));
        } else {
          sb.append(c);
        }
      }
      return sb.toString();
    }
    return v;
  }
}
