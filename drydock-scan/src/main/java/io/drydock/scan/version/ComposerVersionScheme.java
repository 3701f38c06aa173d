package io.drydock.scan.version;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Packagist order as Composer applies it: each version is normalised by Composer's
 * {@code VersionParser::normalize} ({@code v1.2} → {@code 1.2.0.0}, {@code 2.0-b3} → {@code 2.0.0.0-beta3},
 * {@code 1.0.x-dev} → {@code 1.0.9999999.9999999-dev}, build metadata dropped), then compared with PHP's
 * {@code version_compare} (canonical form with {@code .} between digit and letter runs; numbers numerically;
 * {@code dev < alpha = a < beta = b < RC = rc < number < pl = p}, matched by prefix). A string Composer refuses
 * is compared by {@code version_compare} as it is.
 */
final class ComposerVersionScheme implements VersionScheme {
  private static final String MODIFIER =
      "[._-]?(?:(stable|beta|b|RC|alpha|a|patch|pl|p)((?:[.-]?\\d+)*+)?)?([.-]?dev)?";
  private static final Pattern ALIAS = Pattern.compile("^([^,\\s]++) ++as ++([^,\\s]++)$");
  private static final Pattern STABILITY_FLAG = Pattern.compile("@(?:stable|RC|beta|alpha|dev)$", Pattern.CASE_INSENSITIVE);
  private static final Pattern BUILD = Pattern.compile("^([^,\\s+]++)\\+[^\\s]++$");
  private static final Pattern CLASSIC =
      Pattern.compile("^v?(\\d{1,5})(\\.\\d++)?(\\.\\d++)?(\\.\\d++)?" + MODIFIER + "$", Pattern.CASE_INSENSITIVE);
  private static final Pattern DATE = Pattern.compile(
      "^v?(\\d{4}(?:[.:-]?\\d{2}){1,6}(?:[.:-]?\\d{1,3})?)" + MODIFIER + "$", Pattern.CASE_INSENSITIVE);
  private static final Pattern DEV_SUFFIX = Pattern.compile("(.*?)[.-]?dev$", Pattern.CASE_INSENSITIVE);
  private static final Pattern BRANCH = Pattern.compile(
      "^v?(\\d++)(\\.(?:\\d++|[xX*]))?(\\.(?:\\d++|[xX*]))?(\\.(?:\\d++|[xX*]))?$", Pattern.CASE_INSENSITIVE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  @Override
  public int compare(String a, String b) {
    return phpVersionCompare(normalize(a).orElse(a), normalize(b).orElse(b));
  }

  @Override
  public boolean isValid(String version) {
    return normalize(version).isPresent();
  }

  @Override
  public String name() {
    return "composer";
  }

  /** Composer's {@code VersionParser::normalize}; empty where it throws "Invalid version string". */
  static Optional<String> normalize(String input) {
    String version = input.strip();
    Matcher m = ALIAS.matcher(version);
    if (m.matches()) {
      version = m.group(1);
    }
    m = STABILITY_FLAG.matcher(version);
    if (m.find()) {
      version = version.substring(0, m.start());
    }
    if (version.equals("master") || version.equals("trunk") || version.equals("default")) {
      version = "dev-" + version;
    }
    if (version.regionMatches(true, 0, "dev-", 0, 4)) {
      return Optional.of("dev-" + version.substring(4));
    }
    m = BUILD.matcher(version);
    if (m.matches()) {
      version = m.group(1);
    }
    Matcher classic = CLASSIC.matcher(version);
    Matcher date = DATE.matcher(version);
    String out = null;
    Matcher matched = null;
    int index = 0;
    if (classic.matches()) {
      out = classic.group(1) + orDefault(classic.group(2)) + orDefault(classic.group(3)) + orDefault(classic.group(4));
      matched = classic;
      index = 5;
    } else if (date.matches()) {
      out = date.group(1).replaceAll("\\D", ".");
      matched = date;
      index = 2;
    }
    if (matched != null) {
      String stability = matched.group(index);
      if (nonEmpty(stability)) {
        if (stability.equals("stable")) {
          return Optional.of(out);
        }
        String number = matched.group(index + 1);
        out += "-" + expandStability(stability) + (number == null ? "" : number.replaceFirst("^[.-]+", ""));
      }
      if (nonEmpty(matched.group(index + 2))) {
        out += "-dev";
      }
      return Optional.of(out);
    }
    m = DEV_SUFFIX.matcher(version);
    if (m.matches()) {
      String normalized = normalizeBranch(m.group(1));
      if (!normalized.contains("dev-")) {
        return Optional.of(normalized);
      }
    }
    return Optional.empty();
  }

  private static String normalizeBranch(String name) {
    Matcher m = BRANCH.matcher(name.strip());
    if (!m.matches()) {
      return "dev-" + name.strip();
    }
    StringBuilder v = new StringBuilder();
    for (int i = 1; i < 5; i++) {
      v.append(m.group(i) != null ? m.group(i).replace('*', 'x').replace('X', 'x') : ".x");
    }
    return v.toString().replace("x", "9999999") + "-dev";
  }

  private static String orDefault(String group) {
    return nonEmpty(group) ? group : ".0";
  }

  /** PHP's {@code empty()} on a string: null, "" and "0" are empty. */
  private static boolean nonEmpty(String s) {
    return s != null && !s.isEmpty() && !s.equals("0");
  }

  private static String expandStability(String stability) {
    String s = stability.toLowerCase(Locale.ROOT);
    return switch (s) {
      case "a" -> "alpha";
      case "b" -> "beta";
      case "p", "pl" -> "patch";
      case "rc" -> "RC";
      default -> s;
    };
  }

  /** PHP's {@code version_compare($a, $b)} (ext/standard/versioning.c), on ASCII in the C locale. */
  static int phpVersionCompare(String v1, String v2) {
    if (v1.isEmpty() || v2.isEmpty()) {
      return v1.isEmpty() && v2.isEmpty() ? 0 : v1.isEmpty() ? -1 : 1;
    }
    String[] a = (v1.charAt(0) == '#' ? v1 : canonicalize(v1)).split("\\.", -1);
    String[] b = (v2.charAt(0) == '#' ? v2 : canonicalize(v2)).split("\\.", -1);
    // The C loop: p is the rest of the string (its current part ends at the next dot, n says whether there was
    // one); it runs while both rests are non-empty and both sides had a dot before the current part.
    int i = 0;
    int j = 0;
    boolean n1 = true;
    boolean n2 = true;
    int compare = 0;
    while (restNonEmpty(a, i) && restNonEmpty(b, j) && n1 && n2) {
      String p1 = a[i];
      String p2 = b[j];
      n1 = i + 1 < a.length;
      n2 = j + 1 < b.length;
      if (digit(p1) && digit(p2)) {
        compare = number(p1).compareTo(number(p2));
      } else if (!digit(p1) && !digit(p2)) {
        compare = compareSpecial(p1, p2);
      } else if (digit(p1)) {
        compare = compareSpecial("#N#", p2);
      } else {
        compare = compareSpecial(p1, "#N#");
      }
      compare = Integer.signum(compare);
      if (compare != 0) {
        break;
      }
      if (n1) {
        i++;
      }
      if (n2) {
        j++;
      }
    }
    if (compare == 0) {
      if (n1) {
        compare = digit(a[i]) ? 1 : phpVersionCompare(join(a, i), "#N#");
      } else if (n2) {
        compare = digit(b[j]) ? -1 : phpVersionCompare("#N#", join(b, j));
      }
    }
    return compare;
  }

  private static boolean restNonEmpty(String[] parts, int at) {
    return !parts[at].isEmpty() || at + 1 < parts.length;
  }

  private static String join(String[] parts, int from) {
    return String.join(".", java.util.Arrays.copyOfRange(parts, from, parts.length));
  }

  private static boolean digit(String part) {
    return !part.isEmpty() && part.charAt(0) >= '0' && part.charAt(0) <= '9';
  }

  /** strtol: the leading digits, saturated at LONG_MAX. */
  private static BigInteger number(String part) {
    int end = 0;
    while (end < part.length() && part.charAt(end) >= '0' && part.charAt(end) <= '9') {
      end++;
    }
    return new BigInteger(part.substring(0, end)).min(LONG_MAX);
  }

  private static final String[] FORMS = {"dev", "alpha", "a", "beta", "b", "RC", "rc", "#", "pl", "p"};
  private static final int[] ORDER = {0, 1, 1, 2, 2, 3, 3, 4, 5, 5};

  private static int compareSpecial(String f1, String f2) {
    return Integer.signum(order(f1) - order(f2));
  }

  private static int order(String form) {
    for (int k = 0; k < FORMS.length; k++) {
      if (form.startsWith(FORMS[k])) {
        return ORDER[k];
      }
    }
    return -1;
  }

  /** php_canonicalize_version: {@code [-_+]} and other non-alphanumerics become one '.', and a '.' goes between digit and non-digit runs. */
  static String canonicalize(String version) {
    StringBuilder q = new StringBuilder(version.length() * 2);
    char lp = version.charAt(0);
    q.append(lp);
    for (int k = 1; k < version.length(); k++) {
      char p = version.charAt(k);
      char lq = q.charAt(q.length() - 1);
      if (p == '-' || p == '_' || p == '+') {
        if (lq != '.') {
          q.append('.');
        }
      } else if ((isndig(lp) && isdig(p)) || (isdig(lp) && isndig(p))) {
        if (lq != '.') {
          q.append('.');
        }
        q.append(p);
      } else if (!isalnum(p)) {
        if (lq != '.') {
          q.append('.');
        }
      } else {
        q.append(p);
      }
      lp = p;
    }
    return q.toString();
  }

  private static boolean isdig(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isndig(char c) {
    return !isdig(c) && c != '.';
  }

  private static boolean isalnum(char c) {
    return isdig(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
