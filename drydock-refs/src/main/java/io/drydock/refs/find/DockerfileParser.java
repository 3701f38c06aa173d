package io.drydock.refs.find;

import io.drydock.model.DrydockException;
import io.drydock.model.ImageRef;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads a Dockerfile as BuildKit's front end does for what matters here: parser directives ({@code escape}),
 * continuation lines, comment lines inside continuations, heredocs, {@code FROM [--platform=…] image [AS name]},
 * global {@code ARG} defaults substituted into {@code FROM}, and {@code COPY --from=image}. Pure: text in, data out.
 */
final class DockerfileParser {
  private static final Set<String> INSTRUCTIONS = Set.of("FROM", "RUN", "CMD", "LABEL", "MAINTAINER", "EXPOSE", "ENV",
      "ADD", "COPY", "ENTRYPOINT", "VOLUME", "USER", "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL");
  private static final Pattern DIRECTIVE = Pattern.compile("#\\s*([a-zA-Z][a-zA-Z0-9]*)\\s*=\\s*(.+?)\\s*");
  private static final Pattern HEREDOC = Pattern.compile("<<(-?)\\s*([\"']?)([A-Za-z_][A-Za-z0-9_]*)\\2");
  private static final Pattern VAR = Pattern.compile("\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\\}|([A-Za-z_][A-Za-z0-9_]*))");
  private static final Pattern SINGLE_VAR = Pattern.compile("\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)\\}|([A-Za-z_][A-Za-z0-9_]*))");

  /** The result: instructions for lint, references for the finder. */
  record Parsed(Dockerfile dockerfile, List<FoundRef> refs) {}

  /** A logical line: text and, for each char, its offset in the file. */
  private record Logical(String text, int[] offsets, int line, int column) {}

  /** An ARG default: value and where it sits. */
  private record ArgDefault(String value, Site.@Nullable Span span, int line, int column) {}

  private DockerfileParser() {}

  static Parsed parse(Path file, String text) {
    // a byte order mark reads as a space: offsets stay the same
    TextLines lines = TextLines.of(text.startsWith("\ufeff") ? " " + text.substring(1) : text);
    char escape = '\\';
    int i = 0;
    List<FoundRef> syntax = new ArrayList<>();
    // parser directives: only at the very top, before any other line
    while (i < lines.count()) {
      String content = lines.content(i);
      int shift = i == 0 && text.startsWith("\ufeff") ? 1 : 0;
      Matcher m = DIRECTIVE.matcher(content.substring(shift));
      if (!m.matches()) {
        break;
      }
      if (m.group(1).equalsIgnoreCase("syntax")) {
        syntax.add(syntaxRef(file, text, lines, lines.start(i) + shift + m.start(2), m.group(2)));
      }
      if (m.group(1).equalsIgnoreCase("escape")) {
        String v = m.group(2);
        if (!v.equals("`") && !v.equals("\\")) {
          throw error(file, i + 1, "invalid escape directive '" + v + "' (must be ` or \\)");
        }
        escape = v.charAt(0);
      }
      i++;
    }
    List<Dockerfile.Instruction> instructions = new ArrayList<>();
    List<Logical> logicals = new ArrayList<>();
    while (i < lines.count()) {
      String content = lines.content(i);
      String trimmed = content.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        i++;
        continue;
      }
      int lead = content.length() - content.stripLeading().length();
      int startLine = i + 1;
      StringBuilder sb = new StringBuilder();
      List<Integer> offs = new ArrayList<>();
      boolean first = true;
      while (i < lines.count()) {
        String c = lines.content(i);
        int base = lines.start(i);
        int from = first ? lead : 0;
        if (!first && (c.strip().startsWith("#") || c.isBlank())) {
          i++;
          continue; // comment and empty lines inside a continuation are dropped
        }
        first = false;
        String rtrim = c.stripTrailing();
        boolean continues = rtrim.length() > from && rtrim.charAt(rtrim.length() - 1) == escape;
        int to = continues ? rtrim.length() - 1 : c.length();
        for (int k = from; k < to; k++) {
          sb.append(c.charAt(k));
          offs.add(base + k);
        }
        i++;
        if (!continues) {
          break;
        }
      }
      String logical = sb.toString();
      int[] offsets = offs.stream().mapToInt(Integer::intValue).toArray();
      Matcher kw = Pattern.compile("(\\S+)\\s*").matcher(logical);
      if (!kw.lookingAt()) {
        continue;
      }
      String keyword = kw.group(1).toUpperCase(Locale.ROOT);
      if (!INSTRUCTIONS.contains(keyword)) {
        throw error(file, startLine, "unknown instruction '" + kw.group(1) + "'");
      }
      int argStart = kw.end();
      String args = logical.substring(argStart);
      int[] argOffsets = java.util.Arrays.copyOfRange(offsets, argStart, offsets.length);
      List<String> heredocs = new ArrayList<>();
      if (keyword.equals("RUN") || keyword.equals("COPY") || keyword.equals("ADD")) {
        Matcher h = HEREDOC.matcher(args);
        while (h.find()) {
          boolean dash = !h.group(1).isEmpty();
          String delimiter = h.group(3);
          StringBuilder body = new StringBuilder();
          boolean closed = false;
          while (i < lines.count()) {
            String c = lines.content(i++);
            if ((dash ? c.replaceFirst("^\t+", "") : c).equals(delimiter)) {
              closed = true;
              break;
            }
            body.append(c).append('\n');
          }
          if (!closed) {
            throw error(file, startLine, "heredoc <<" + delimiter + " is not terminated");
          }
          heredocs.add(body.toString());
        }
      }
      instructions.add(new Dockerfile.Instruction(keyword, args, heredocs, startLine, lead + 1));
      logicals.add(new Logical(args, argOffsets, startLine, lead + 1));
    }
    List<FoundRef> refs = new ArrayList<>(syntax);
    refs.addAll(refs(file, text, lines, instructions, logicals));
    return new Parsed(new Dockerfile(instructions), refs);
  }

  /** {@code # syntax=docker/dockerfile:1}: the front end image BuildKit pulls to build the file. */
  private static FoundRef syntaxRef(Path file, String text, TextLines lines, int offset, String value) {
    ParsedRef parsed = ParsedRef.of(value);
    ImageRef image = parsed.image();
    String problem = parsed.problem();
    return new FoundRef(file, lines.lineOf(offset) + 1, lines.columnOf(text, offset), RefKind.DOCKERFILE_SYNTAX, value,
        image, new Site.Span(offset, offset + value.length()), null, problem);
  }

  private static List<FoundRef> refs(Path file, String text, TextLines lines, List<Dockerfile.Instruction> instructions,
      List<Logical> logicals) {
    Map<String, ArgDefault> globalArgs = new HashMap<>();
    Set<String> stages = new HashSet<>();
    boolean seenFrom = false;
    List<FoundRef> refs = new ArrayList<>();
    for (int n = 0; n < instructions.size(); n++) {
      Dockerfile.Instruction ins = instructions.get(n);
      Logical lg = logicals.get(n);
      List<Token> tokens = Token.split(lg.text());
      switch (ins.keyword()) {
        case "ARG" -> {
          if (!seenFrom) {
            for (Token t : tokens) {
              readArg(t, lg, text, lines, globalArgs);
            }
          }
        }
        case "FROM" -> {
          seenFrom = true;
          String platform = null;
          int k = 0;
          while (k < tokens.size() && tokens.get(k).text().startsWith("--")) {
            String flag = tokens.get(k).text();
            if (flag.startsWith("--platform=")) {
              platform = flag.substring("--platform=".length());
            }
            k++;
          }
          if (k >= tokens.size()) {
            throw error(file, ins.line(), "FROM names no image");
          }
          Token image = tokens.get(k);
          int rest = tokens.size() - k - 1;
          String stageName = null;
          if (rest == 2 && tokens.get(k + 1).text().equalsIgnoreCase("AS")) {
            stageName = tokens.get(k + 2).text().toLowerCase(Locale.ROOT);
          } else if (rest != 0) {
            throw error(file, ins.line(), "FROM takes an image and optionally 'AS name', got '" + lg.text().strip() + "'");
          }
          String lower = image.text().toLowerCase(Locale.ROOT);
          if (!lower.equals("scratch") && !stages.contains(lower)) {
            FoundRef r = ref(file, text, lines, lg, image, RefKind.DOCKERFILE_FROM, platform, globalArgs, stages);
            if (r != null) {
              refs.add(r);
            }
          }
          if (stageName != null) {
            stages.add(stageName);
          }
        }
        case "COPY" -> {
          for (Token t : tokens) {
            if (!t.text().startsWith("--")) {
              break;
            }
            if (t.text().startsWith("--from=")) {
              String from = t.text().substring("--from=".length());
              if (from.isEmpty() || from.chars().allMatch(Character::isDigit) || stages.contains(from.toLowerCase(Locale.ROOT))) {
                continue;
              }
              Token image = new Token(from, t.start() + "--from=".length());
              FoundRef r = ref(file, text, lines, lg, image, RefKind.DOCKERFILE_COPY_FROM, null, Map.of(), stages);
              if (r != null) {
                refs.add(r);
              }
            }
          }
        }
        case "RUN" -> {
          for (Token t : tokens) {
            if (!t.text().startsWith("--")) {
              break;
            }
            if (t.text().startsWith("--mount=")) {
              FoundRef r = mountFrom(file, text, lines, lg, t, stages);
              if (r != null) {
                refs.add(r);
              }
            }
          }
        }
        default -> { }
      }
    }
    return refs;
  }

  /** {@code RUN --mount=type=bind,from=IMAGE,…}: {@code from} names a stage, a build context or an image. */
  private static @Nullable FoundRef mountFrom(Path file, String text, TextLines lines, Logical lg, Token t,
      Set<String> stages) {
    String spec = t.text().substring("--mount=".length());
    int at = "--mount=".length();
    for (String field : spec.split(",", -1)) {
      int eq = field.indexOf('=');
      if (eq > 0 && field.substring(0, eq).strip().equalsIgnoreCase("from")) {
        String from = field.substring(eq + 1);
        if (from.length() >= 2 && from.startsWith("\"") && from.endsWith("\"")) {
          from = from.substring(1, from.length() - 1);
          at++;
        }
        String lower = from.toLowerCase(Locale.ROOT);
        if (from.isEmpty() || from.chars().allMatch(Character::isDigit) || stages.contains(lower) || lower.equals("scratch")) {
          return null;
        }
        return ref(file, text, lines, lg, new Token(from, t.start() + at + eq + 1), RefKind.DOCKERFILE_MOUNT_FROM, null,
            Map.of(), stages);
      }
      at += field.length() + 1;
    }
    return null;
  }

  private static void readArg(Token t, Logical lg, String text, TextLines lines, Map<String, ArgDefault> args) {
    String s = t.text();
    int eq = s.indexOf('=');
    if (eq <= 0) {
      return;
    }
    String name = s.substring(0, eq);
    String value = s.substring(eq + 1);
    int vStart = t.start() + eq + 1;
    int vEnd = t.start() + s.length();
    if (value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'')
        && value.charAt(value.length() - 1) == value.charAt(0)) {
      value = value.substring(1, value.length() - 1);
      vStart++;
      vEnd--;
    }
    Site.Span span = contiguousSpan(lg, vStart, vEnd, text, value);
    int off = vStart < lg.offsets().length ? lg.offsets()[vStart] : lg.offsets().length > 0 ? lg.offsets()[lg.offsets().length - 1] + 1 : 0;
    args.put(name, new ArgDefault(value, span, lines.lineOf(off) + 1, lines.columnOf(text, off)));
  }

  private static @Nullable FoundRef ref(Path file, String text, TextLines lines, Logical lg, Token token, RefKind kind,
      @Nullable String platform, Map<String, ArgDefault> args, Set<String> stages) {
    int off = lg.offsets()[token.start()];
    int line = lines.lineOf(off) + 1;
    int column = lines.columnOf(text, off);
    String raw = token.text();
    String written = raw;
    Site site;
    String problem = null;
    Variables variables = null;
    if (raw.contains("$")) {
      List<Variables.Variable> used = new ArrayList<>();
      Matcher names = VAR.matcher(raw);
      while (names.find()) {
        String name = names.group(1) != null ? names.group(1) : names.group(4);
        used.add(new Variables.Variable(name, args.containsKey(name) ? Variables.Source.DEFAULT : Variables.Source.UNSET));
      }
      variables = new Variables(raw, used);
      Matcher single = SINGLE_VAR.matcher(raw);
      StringBuilder out = new StringBuilder();
      Matcher m = VAR.matcher(raw);
      int last = 0;
      while (m.find()) {
        out.append(raw, last, m.start());
        last = m.end();
        String name = m.group(1) != null ? m.group(1) : m.group(4);
        ArgDefault def = args.get(name);
        String op = m.group(2);
        String val = def == null ? null : def.value();
        if (op == null) {
          if (val == null) {
            problem = "ARG " + name + " has no default";
            break;
          }
          out.append(val);
        } else if (op.endsWith("-")) {
          boolean unset = val == null || (op.startsWith(":") && val.isEmpty());
          out.append(unset ? m.group(3) : val);
        } else {
          boolean set = val != null && !(op.startsWith(":") && val.isEmpty());
          out.append(set ? m.group(3) : "");
        }
      }
      out.append(raw.substring(last));
      if (problem == null) {
        written = out.toString();
      }
      if (single.matches()) {
        String name = single.group(1) != null ? single.group(1) : single.group(2);
        ArgDefault def = args.get(name);
        if (def != null && def.span() != null) {
          site = def.span(); // rewritten where the default is defined; reported at the FROM
        } else {
          site = new Site.Fixed("ARG " + name + " has no default to rewrite");
        }
      } else {
        site = new Site.Fixed("reference is built from ARG variables");
      }
      String lower = written.toLowerCase(Locale.ROOT);
      if (problem == null && (stages.contains(lower) || lower.equals("scratch"))) {
        return null; // a variable naming an earlier stage or scratch
      }
      if (problem != null && Stages.named(raw, stages, VAR)) {
        return null; // FROM binaries-$TARGETOS: one of the stages binaries-linux, binaries-darwin, …
      }
    } else {
      Site.Span span = contiguousSpan(lg, token.start(), token.start() + raw.length(), text, raw);
      site = span != null ? span : new Site.Fixed("reference is split over continuation lines");
    }
    ImageRef image = null;
    if (problem == null) {
      try {
        image = ImageRef.parse(written);
      } catch (IllegalArgumentException e) {
        problem = e.getMessage();
      }
    }
    return new FoundRef(file, line, column, kind, written, image, site, platform, problem, RefRole.PULLED, variables,
        null);
  }


  /** The file span of logical chars [from, to) when they are one contiguous run holding {@code expected}. */
  private static Site.@Nullable Span contiguousSpan(Logical lg, int from, int to, String text, String expected) {
    int[] o = lg.offsets();
    if (from == to) {
      int at = from < o.length ? o[from] : (o.length == 0 ? 0 : o[o.length - 1] + 1);
      return new Site.Span(at, at);
    }
    if (from < 0 || to > o.length) {
      return null;
    }
    int start = o[from];
    int end = o[to - 1] + 1;
    if (end - start != to - from || !text.substring(start, end).equals(expected)) {
      return null;
    }
    return new Site.Span(start, end);
  }


  private static DrydockException error(Path file, int line, String why) {
    return DrydockException.invalidInput("Tried to read Dockerfile " + file + " but failed because: " + file + ":" + line
        + ": " + why);
  }
}
