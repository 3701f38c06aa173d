package io.drydock.refs.lint;

import io.drydock.model.ImageRef;
import io.drydock.refs.find.Dockerfile;
import io.drydock.refs.find.FoundRef;
import io.drydock.refs.find.SkippedFile;
import io.drydock.refs.find.SourceFile;
import io.drydock.refs.versioning.DockerTag;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks references and Dockerfiles against the {@link Rule}s (pure: parsed files in, findings out). */
public final class Linter {
  private static final Pattern INSTALL = Pattern.compile(
      "\\b(?:apt-get|apt|apk|yum|dnf|microdnf|zypper)\\s+(?:-\\S+\\s+)*(?:install|add)\\b([^;&|]*)");
  private static final Set<String> BUILD_PACKAGES = Set.of("gcc", "g++", "clang", "make", "cmake", "build-essential",
      "build-base", "golang", "golang-go", "rustc", "cargo", "maven", "gradle", "musl-dev", "libc6-dev", "libc-dev",
      "autoconf", "automake", "libtool", "pkg-config", "pkgconf", "gcc-c++", "ninja-build", "default-jdk");
  private static final Pattern BUILD_COMMAND = Pattern.compile(
      "\\b(?:go build|mvn (?:-\\S+ )*(?:package|install|verify)|gradle(?:w)? (?:build|assemble)|\\./gradlew (?:build|assemble)"
      + "|cargo build|make(?:\\s|$)|npm run build|yarn build|dotnet publish|dotnet build)");
  private static final Set<String> SDK_IMAGES = Set.of("golang", "maven", "gradle", "rust", "gcc", "buildpack-deps");
  private static final Pattern APT_INSTALL = Pattern.compile("\\bapt(?:-get)?\\s+(?:\\S+\\s+)*?install\\b");
  private static final Pattern APT_CLEAN = Pattern.compile("rm\\s+(?:-\\w+\\s+)*/var/lib/apt/lists");
  private static final Pattern APT_CACHE_MOUNT = Pattern.compile("--mount=\\S*target=/var/lib/apt");
  private static final Pattern ROOT_USER = Pattern.compile("(?i)(?:root|0)(?::\\S*)?");

  private final List<String> allowedRegistries;

  /** @param allowedRegistries hosts ({@code ghcr.io}) or host/path prefixes ({@code ghcr.io/acme}); empty = any */
  public Linter(List<String> allowedRegistries) {
    this.allowedRegistries = allowedRegistries.stream().map(s -> s.strip().replaceAll("/+$", ""))
        .filter(s -> !s.isEmpty()).toList();
  }

  public List<LintFinding> lint(List<SourceFile> files) {
    return lint(files, List.of(), false);
  }

  /**
   * The findings of the files and one per skipped file that could not be read (DD006: an error, or a note when
   * {@code skipUnreadable}); templates skipped on purpose are not findings.
   */
  public List<LintFinding> lint(List<SourceFile> files, List<SkippedFile> skipped, boolean skipUnreadable) {
    List<LintFinding> out = new ArrayList<>();
    for (SkippedFile s : skipped) {
      if (s.unreadable()) {
        out.add(new LintFinding(Rule.UNREADABLE_FILE, s.file(), 1, 1, s.reason().label() + ": " + s.detail(),
            skipUnreadable ? Rule.Level.NOTE : Rule.UNREADABLE_FILE.level()));
      }
    }
    for (SourceFile f : files) {
      for (FoundRef r : f.refs()) {
        refRules(r, out);
      }
      if (f.dockerfile() != null) {
        dockerfileRules(f, f.dockerfile(), out);
      }
    }
    out.sort(Comparator.comparing((LintFinding l) -> l.file().toString()).thenComparingInt(LintFinding::line)
        .thenComparingInt(LintFinding::column).thenComparing(l -> l.rule().id()));
    return List.copyOf(out);
  }

  private void refRules(FoundRef r, List<LintFinding> out) {
    ImageRef image = r.image();
    if (!r.isPulled()) {
      out.add(finding(Rule.NOT_PULLED, r, r.written() + ": " + (r.note() != null ? r.note() : "not pulled")));
      return;
    }
    if (image == null) {
      out.add(finding(Rule.UNREADABLE_REFERENCE, r, "cannot read '" + r.written() + "': " + r.problem()));
      return;
    }
    if (image.digest() == null) {
      String tag = image.tag();
      String vars = r.variables() == null || r.variables().used().isEmpty() ? ""
          : " (" + r.variables().expression() + ": " + r.variables().describe() + ")";
      if (tag == null) {
        out.add(finding(Rule.MUTABLE_TAG, r, r.written() + " has no tag (means latest) and no digest" + vars));
      } else if (tag.equals("latest")) {
        out.add(finding(Rule.MUTABLE_TAG, r, r.written() + " uses the tag latest and no digest" + vars));
      } else if (!DockerTag.isVersion(tag)) {
        out.add(finding(Rule.MUTABLE_TAG, r, r.written() + " uses the tag '" + tag + "', which is not a version, and no digest" + vars));
      } else {
        out.add(finding(Rule.MISSING_DIGEST, r, r.written() + " is not pinned to a digest" + vars));
      }
    }
    if (!allowedRegistries.isEmpty() && !allowed(image)) {
      out.add(finding(Rule.REGISTRY_NOT_ALLOWED, r, image.registry() + " (" + r.written()
          + ") is not one of the allowed registries " + String.join(", ", allowedRegistries)));
    }
  }

  private boolean allowed(ImageRef image) {
    String full = image.registry() + "/" + image.repository();
    for (String a : allowedRegistries) {
      String entry = a.toLowerCase(Locale.ROOT);
      if (entry.equals("index.docker.io") || entry.equals("registry-1.docker.io")) {
        entry = ImageRef.DOCKER_HUB;
      }
      if (image.registry().equalsIgnoreCase(entry) || full.startsWith(entry + "/")) {
        return true;
      }
    }
    return false;
  }

  private static void dockerfileRules(SourceFile f, Dockerfile df, List<LintFinding> out) {
    List<List<Dockerfile.Instruction>> stages = df.stages();
    if (stages.isEmpty()) {
      return;
    }
    List<Dockerfile.Instruction> last = stages.get(stages.size() - 1);
    Dockerfile.Instruction lastFrom = last.get(0);
    if (stages.size() == 1) {
      Set<String> tools = new LinkedHashSet<>();
      String base = lastFrom.args().replaceAll("--\\S+", " ").strip().split("\\s+")[0];
      String repoName = base.replaceAll("[:@].*$", "");
      repoName = repoName.substring(repoName.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
      if (SDK_IMAGES.contains(repoName) || base.toLowerCase(Locale.ROOT).matches(".*(?:[-:/]jdk|[-:/]sdk\\b|/sdk:).*")) {
        tools.add("build image " + base);
      }
      for (Dockerfile.Instruction i : last) {
        if (!i.keyword().equals("RUN")) {
          continue;
        }
        Matcher m = INSTALL.matcher(i.script());
        while (m.find()) {
          for (String word : m.group(1).trim().split("\\s+")) {
            String pkg = word.replaceAll("[=<>].*$", "").toLowerCase(Locale.ROOT);
            if (BUILD_PACKAGES.contains(pkg) || pkg.matches("openjdk-?\\d+-jdk(?:-headless)?|gcc-\\d+|g\\+\\+-\\d+|clang-\\d+")) {
              tools.add(pkg);
            }
          }
        }
        Matcher b = BUILD_COMMAND.matcher(i.script());
        if (b.find()) {
          tools.add("'" + b.group().strip() + "'");
        }
      }
      if (!tools.isEmpty()) {
        out.add(new LintFinding(Rule.BUILD_TOOLS_IN_IMAGE, f.path(), lastFrom.line(), lastFrom.column(),
            "single-stage build ships build tools: " + String.join(", ", tools)));
      }
    }
    Dockerfile.Instruction user = null;
    for (Dockerfile.Instruction i : last) {
      if (i.keyword().equals("USER")) {
        user = i;
      }
    }
    if (user == null) {
      out.add(new LintFinding(Rule.RUNS_AS_ROOT, f.path(), lastFrom.line(), lastFrom.column(),
          "the final stage has no USER instruction, so it runs as root unless its base image sets a user"));
    } else if (ROOT_USER.matcher(user.args().strip()).matches()) {
      out.add(new LintFinding(Rule.RUNS_AS_ROOT, f.path(), user.line(), user.column(),
          "the final stage ends with USER " + user.args().strip() + ", so it runs as root"));
    }
    for (Dockerfile.Instruction i : df.instructions()) {
      switch (i.keyword()) {
        case "RUN" -> {
          String script = i.script();
          if (APT_INSTALL.matcher(script).find()) {
            if (!script.contains("--no-install-recommends") && !script.contains("Install-Recommends=false")
                && !script.contains("Install-Recommends \"false\"")) {
              out.add(new LintFinding(Rule.APT_RECOMMENDS, f.path(), i.line(), i.column(),
                  "apt-get install without --no-install-recommends"));
            }
            if (!APT_CLEAN.matcher(script).find() && !APT_CACHE_MOUNT.matcher(script).find()) {
              out.add(new LintFinding(Rule.APT_LISTS_LEFT, f.path(), i.line(), i.column(),
                  "apt-get install without rm -rf /var/lib/apt/lists/* in the same RUN"));
            }
          }
        }
        case "ADD" -> {
          String[] words = i.args().strip().split("\\s+");
          for (int k = 0; k < words.length - 1; k++) {
            String w = words[k];
            if (w.startsWith("--")) {
              continue;
            }
            String lower = w.toLowerCase(Locale.ROOT);
            if (lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("git@")) {
              boolean checksum = i.args().contains("--checksum=");
              if (!checksum) {
                out.add(new LintFinding(Rule.ADD_REMOTE_URL, f.path(), i.line(), i.column(),
                    "ADD downloads " + w + " without --checksum"));
              }
            }
          }
        }
        default -> { }
      }
    }
  }

  private static LintFinding finding(Rule rule, FoundRef r, String message) {
    return new LintFinding(rule, r.file(), r.line(), r.column(), message);
  }
}
