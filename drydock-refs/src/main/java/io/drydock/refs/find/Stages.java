package io.drydock.refs.find;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Dockerfile stage names as {@code FROM} sees them. */
final class Stages {
  private Stages() {}

  /** Whether a reference with unset variables ({@code $TARGETOS}, set by BuildKit) can only name an earlier stage. */
  static boolean named(String raw, Set<String> stages, Pattern variables) {
    StringBuilder re = new StringBuilder();
    Matcher m = variables.matcher(raw);
    int last = 0;
    while (m.find()) {
      re.append(Pattern.quote(raw.substring(last, m.start()).toLowerCase(Locale.ROOT))).append("[^/:@]*");
      last = m.end();
    }
    re.append(Pattern.quote(raw.substring(last).toLowerCase(Locale.ROOT)));
    Pattern p = Pattern.compile(re.toString());
    return stages.stream().anyMatch(s -> p.matcher(s).matches());
  }
}
