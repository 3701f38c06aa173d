package io.drydock.scan.version;

/**
 * Alpine's order as apk-tools 2.x implements it ({@code src/version.c}; the oracle is apk-tools 2.14.4 in
 * Alpine 3.20): a Gentoo-style version {@code digits{.digits}[letter]{_suffix[N]}[-rN]} read as a stream of
 * typed tokens. Pre-release suffixes {@code _alpha < _beta < _pre < _rc} sort before the release, post-release
 * suffixes {@code _cvs, _svn, _git, _hg, _p} after it; a component with leading zeros after a dot sorts as a
 * fraction ({@code 1.01 < 1.1}). Numbers are accumulated in 64 bits as apk-tools 2.14 does (so
 * {@code _pre20191002222144} compares as a number). Malformed strings are compared token by token up to the first invalid token,
 * as apk does, which is what {@code apk version -t} prints for them.
 */
final class ApkVersionScheme implements VersionScheme {

  private static final int INVALID = -1;
  private static final int DIGIT_OR_ZERO = 0;
  private static final int DIGIT = 1;
  private static final int LETTER = 2;
  private static final int SUFFIX = 3;
  private static final int SUFFIX_NO = 4;
  private static final int REVISION_NO = 5;
  private static final int END = 6;

  private static final String[] PRE_SUFFIXES = {"alpha", "beta", "pre", "rc"};
  private static final String[] POST_SUFFIXES = {"cvs", "svn", "git", "hg", "p"};

  @Override
  public String name() {
    return "apk";
  }

  @Override
  public boolean isValid(String version) {
    Cursor c = new Cursor(version);
    c.type = DIGIT;
    while (c.type != END && c.type != INVALID) {
      c.getToken();
    }
    return c.type == END;
  }

  @Override
  public int compare(String a, String b) {
    Cursor x = new Cursor(a);
    Cursor y = new Cursor(b);
    x.type = DIGIT;
    y.type = DIGIT;
    long av = 0;
    long bv = 0;
    while (x.type == y.type && x.type != END && x.type != INVALID && av == bv) {
      av = x.getToken();
      bv = y.getToken();
    }
    if (av < bv) {
      return -1;
    }
    if (av > bv) {
      return 1;
    }
    if (x.type == y.type) {
      return 0;
    }
    // Equal so far; the longer one is greater unless what follows is a pre-release suffix.
    if (x.type == SUFFIX && x.copy().getToken() < 0) {
      return -1;
    }
    if (y.type == SUFFIX && y.copy().getToken() < 0) {
      return 1;
    }
    if (x.type > y.type) {
      return -1;
    }
    if (y.type > x.type) {
      return 1;
    }
    return 0;
  }

  /** A position in a version string and the type of the token that starts there. */
  private static final class Cursor {
    private final String s;
    private int pos;
    int type;

    Cursor(String s) {
      int end = s.indexOf('\0');
      this.s = end >= 0 ? s.substring(0, end) : s;
    }

    Cursor copy() {
      Cursor c = new Cursor(s);
      c.pos = pos;
      c.type = type;
      return c;
    }

    private int len() {
      return s.length() - pos;
    }

    private char at(int i) {
      return s.charAt(pos + i);
    }

    /** Reads the token of the current type, returns its value and sets the type of the next one. */
    long getToken() {
      long v = 0;
      int i = 0;
      int nt = INVALID;
      if (len() <= 0) {
        type = END;
        return 0;
      }
      switch (type) {
        case DIGIT_OR_ZERO:
          if (at(0) == '0') {
            while (i < len() && at(i) == '0') {
              i++;
            }
            nt = DIGIT;
            v = -i;
            break;
          }
          v = readNumber();
          i = digitsLength();
          break;
        case DIGIT:
        case SUFFIX_NO:
        case REVISION_NO:
          v = readNumber();
          i = digitsLength();
          break;
        case LETTER:
          v = at(0);
          i = 1;
          break;
        case SUFFIX:
          int found = -1;
          for (int k = 0; k < PRE_SUFFIXES.length; k++) {
            if (s.startsWith(PRE_SUFFIXES[k], pos)) {
              found = k;
              i = PRE_SUFFIXES[k].length();
              break;
            }
          }
          if (found >= 0) {
            v = found - PRE_SUFFIXES.length;
            break;
          }
          for (int k = 0; k < POST_SUFFIXES.length; k++) {
            if (s.startsWith(POST_SUFFIXES[k], pos)) {
              found = k;
              i = POST_SUFFIXES[k].length();
              break;
            }
          }
          if (found >= 0) {
            v = found;
            break;
          }
          type = INVALID;
          return -1;
        default:
          type = INVALID;
          return -1;
      }
      pos += i;
      if (len() == 0) {
        type = END;
      } else if (nt != INVALID) {
        type = nt;
      } else {
        nextToken();
      }
      return v;
    }

    private int digitsLength() {
      int i = 0;
      while (i < len() && isDigit(at(i))) {
        i++;
      }
      return i;
    }

    /** Accumulates in 64 bits like apk's C code (wrapping on overflow). */
    private long readNumber() {
      long v = 0;
      int i = 0;
      while (i < len() && isDigit(at(i))) {
        v = v * 10 + (at(i) - '0');
        i++;
      }
      return v;
    }

    private void nextToken() {
      int n = INVALID;
      if (len() == 0) {
        n = END;
      } else if ((type == DIGIT || type == DIGIT_OR_ZERO) && isLower(at(0))) {
        n = LETTER;
      } else if (type == LETTER && isDigit(at(0))) {
        n = DIGIT;
      } else if (type == SUFFIX && isDigit(at(0))) {
        n = SUFFIX_NO;
      } else {
        switch (at(0)) {
          case '.':
            n = DIGIT_OR_ZERO;
            break;
          case '_':
            n = SUFFIX;
            break;
          case '-':
            if (len() > 1 && at(1) == 'r') {
              n = REVISION_NO;
              pos++;
            }
            break;
          default:
            break;
        }
        pos++;
      }
      if (n < type) {
        boolean allowed =
            (n == DIGIT_OR_ZERO && type == DIGIT)
                || (n == SUFFIX && type == SUFFIX_NO)
                || (n == DIGIT && type == LETTER);
        if (!allowed) {
          n = INVALID;
        }
      }
      type = n;
    }

    private static boolean isDigit(char c) {
      return c >= '0' && c <= '9';
    }

    private static boolean isLower(char c) {
      return c >= 'a' && c <= 'z';
    }
  }
}
