package io.drydock.patch;

import io.drydock.model.Digest;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How a patched image's tag is made: never reused, never {@code latest}. Placeholders: {@code {tag}} (the source
 * tag, without an earlier {@code -patched.N} suffix), {@code {date}} ({@code yyyyMMdd}), {@code {shortdigest}} (12
 * hex digits of the new image's digest), {@code {n}} (the smallest number from 1 that gives a tag the registry does
 * not have). A template without {@code {n}} whose tag already exists gets {@code .N} appended the same way.
 */
public record TagTemplate(String template) {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]*)}");
  private static final Pattern PATCHED_SUFFIX = Pattern.compile("-patched\\.[0-9]+$");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
  private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;
  /** {@code <tag>-patched.<N>}. */
  public static final TagTemplate DEFAULT = new TagTemplate("{tag}-patched.{n}");

  public TagTemplate {
    if (template.isBlank()) {
      throw new IllegalArgumentException("tag template is blank");
    }
    var m = PLACEHOLDER.matcher(template);
    while (m.find()) {
      if (!Set.of("tag", "date", "shortdigest", "n").contains(m.group(1))) {
        throw new IllegalArgumentException("tag template '" + template + "': unknown placeholder {" + m.group(1)
            + "} (use {tag}, {date}, {shortdigest}, {n})");
      }
    }
    if (!PLACEHOLDER.matcher(template).find()) {
      throw new IllegalArgumentException("tag template '" + template + "' has no placeholder: every patch would get "
          + "the same tag (use {tag}, {date}, {shortdigest} or {n})");
    }
  }

  public static TagTemplate parse(String text) {
    return new TagTemplate(text.trim());
  }

  /** Whether the tag needs the new image's digest ({@code {shortdigest}}): then it is chosen after the build. */
  public boolean needsDigest() {
    return template.contains("{shortdigest}");
  }

  /**
   * The tag for a patch of an image tagged {@code sourceTag}, given the tags the destination repository has.
   *
   * @throws IllegalArgumentException when the result is not a valid tag or is {@code latest}
   */
  public String render(String sourceTag, LocalDate date, Digest newDigest, Set<String> existingTags) {
    String base = PATCHED_SUFFIX.matcher(sourceTag).replaceFirst("");
    String filled = template.replace("{tag}", base).replace("{date}", DATE.format(date))
        .replace("{shortdigest}", newDigest.shortHex());
    String tag;
    if (filled.contains("{n}")) {
      tag = firstFree(n -> filled.replace("{n}", Integer.toString(n)), existingTags);
    } else if (existingTags.contains(filled)) {
      tag = firstFree(n -> filled + "." + n, existingTags);
    } else {
      tag = filled;
    }
    if (!TAG.matcher(tag).matches()) {
      throw new IllegalArgumentException("tag template '" + template + "' gave '" + tag + "', which is not a valid tag");
    }
    if (tag.equals("latest")) {
      throw new IllegalArgumentException("tag template '" + template + "' gave 'latest'; patched tags are immutable");
    }
    return tag;
  }

  private static String firstFree(java.util.function.IntFunction<String> candidate, Set<String> existing) {
    for (int n = 1; ; n++) {
      String t = candidate.apply(n);
      if (!existing.contains(t)) {
        return t;
      }
    }
  }
}
