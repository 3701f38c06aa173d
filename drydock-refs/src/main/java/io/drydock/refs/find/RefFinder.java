package io.drydock.refs.find;

import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import io.drydock.model.event.EventSink;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Finds image references in Dockerfiles, compose files, Kubernetes manifests, Helm values and kustomizations.
 * Files named on the command line must parse (else INVALID_INPUT with file:line); files met while walking a
 * directory that cannot be read are skipped and listed ({@link Result#skipped()}), never dropped in silence.
 */
public final class RefFinder {
  /** Files larger than this are not read. */
  public static final int MAX_FILE_BYTES = 4 << 20;
  private static final Pattern LOOKS_LIKE_DOCKERFILE = Pattern.compile("(?im)^\\s*FROM\\s+\\S");
  private final EventSink events;
  private final FinderOptions options;
  private final Map<Path, Optional<Env>> dirEnvs = new HashMap<>();
  private final Map<Path, Set<String>> chartPrefixes = new HashMap<>();
  private final Map<Path, List<ImageFieldSpec>> dirFields = new LinkedHashMap<>();

  public RefFinder(EventSink events) {
    this(events, FinderOptions.DEFAULTS);
  }

  public RefFinder(EventSink events, FinderOptions options) {
    this.events = events;
    this.options = options;
  }

  /** What was found: every file read (with its refs) and every file skipped, with why. */
  public record Result(List<SourceFile> files, List<SkippedFile> skipped) {
    public Result {
      files = List.copyOf(files);
      skipped = List.copyOf(skipped);
    }

    public List<FoundRef> refs() {
      return files.stream().flatMap(f -> f.refs().stream()).toList();
    }

    /** The skipped files that could not be read (not the templates skipped on purpose). */
    public List<SkippedFile> unreadable() {
      return skipped.stream().filter(SkippedFile::unreadable).toList();
    }
  }

  /** A file to read: its kind, and whether it was met while walking (then a failure is a skip, not an error). */
  private record Candidate(Path path, FileKind kind, boolean walked) {}

  /** Compose variables and where they came from. */
  private record Env(Map<String, String> values, String source) {}

  /** A file read, before compose projects are merged. */
  private record Read(Candidate candidate, String text, Charset charset, YamlRefs.@Nullable Parsed yaml,
      DockerfileParser.@Nullable Parsed dockerfile) {}

  /** Reads each path: a file as its name (or content) says, a directory recursively. */
  public Result find(List<Path> paths) throws IOException {
    List<Candidate> candidates = new ArrayList<>();
    List<SkippedFile> skipped = new ArrayList<>();
    List<SourceFile> rendered = new ArrayList<>();
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        Walk.Tree tree = Walk.of(p);
        for (Path f : tree.files()) {
          FileKind.byName(f).ifPresent(k -> candidates.add(new Candidate(f, k, true)));
        }
        for (Path chart : tree.chartTemplates().keySet()) {
          charts(chart, tree.chartTemplates().get(chart), skipped, rendered);
        }
        tree.unreadable().forEach((f, why) -> skip(skipped, new SkippedFile(f, SkippedFile.Reason.UNREADABLE, why)));
      } else if (Files.isRegularFile(p)) {
        candidates.add(new Candidate(p, FileKind.byName(p).orElse(null) == null ? sniff(p) : FileKind.byName(p).get(),
            false));
      } else {
        throw DrydockException.notFound("Tried to read " + p + " but failed because: no such file or directory");
      }
    }
    for (Path c : options.composeFiles()) {
      if (!Files.isRegularFile(c)) {
        throw DrydockException.notFound("Tried to read compose file " + c + " but failed because: no such file");
      }
      candidates.removeIf(x -> x.path().toAbsolutePath().normalize().equals(c.toAbsolutePath().normalize()));
    }
    kustomizeConfigurations(candidates, skipped);
    List<List<Candidate>> projects = projects(candidates);
    List<SourceFile> files = new ArrayList<>();
    for (List<Candidate> project : projects) {
      List<Read> reads = new ArrayList<>();
      for (Candidate c : project) {
        try {
          reads.add(read(c, project.get(0)));
        } catch (Unread e) {
          if (!c.walked()) {
            throw e.exception;
          }
          skip(skipped, new SkippedFile(c.path(), e.reason, e.exception.getMessage()));
        }
      }
      files.addAll(merged(reads));
    }
    files.addAll(rendered);
    return new Result(files, skipped);
  }

  /**
   * The image field specs that kustomizations declare ({@code configurations:} files, local ones), applied to the
   * files under each kustomization's directory, as kustomize applies them to its resources.
   */
  private void kustomizeConfigurations(List<Candidate> candidates, List<SkippedFile> skipped) throws IOException {
    for (Candidate c : candidates) {
      if (c.kind() != FileKind.KUSTOMIZATION) {
        continue;
      }
      Path dir = c.path().toAbsolutePath().normalize().getParent();
      try {
        for (org.yaml.snakeyaml.nodes.Node doc : YamlNodes.documents(c.path(), FileText.decode(c.path(), FileText.readBounded(c.path()))) ) {
          if (doc instanceof org.yaml.snakeyaml.nodes.MappingNode m
              && YamlNodes.get(m, "configurations") instanceof org.yaml.snakeyaml.nodes.SequenceNode configs) {
            for (org.yaml.snakeyaml.nodes.Node n : configs.getValue()) {
              if (n instanceof org.yaml.snakeyaml.nodes.ScalarNode s && !s.getValue().contains("://") && dir != null) {
                Path f = dir.resolve(s.getValue()).normalize();
                if (Files.isRegularFile(f)) {
                  dirFields.computeIfAbsent(dir, d -> new ArrayList<>()).addAll(ImageFieldSpec.read(f));
                }
              }
            }
          }
        }
      } catch (DrydockException e) {
        if (!c.walked()) {
          throw e;
        }
        // the kustomization itself is read (and skipped with this reason) below
      }
    }
  }

  /** The image fields for a file: the options' and those of every kustomization above it. */
  private List<ImageFieldSpec> fieldsFor(Path file) {
    if (dirFields.isEmpty()) {
      return options.imageFields();
    }
    List<ImageFieldSpec> out = new ArrayList<>(options.imageFields());
    Path abs = file.toAbsolutePath().normalize();
    dirFields.forEach((dir, specs) -> {
      if (abs.startsWith(dir)) {
        out.addAll(specs);
      }
    });
    return out;
  }

  private void skip(List<SkippedFile> skipped, SkippedFile s) {
    skipped.add(s);
    if (s.unreadable()) {
      events.warn("skipped " + s.file() + ": " + s.detail());
    }
  }

  /** A chart's templates: rendered with helm when asked, else listed as skipped. */
  private void charts(Path chart, List<Path> templates, List<SkippedFile> skipped, List<SourceFile> rendered) {
    if (options.helm() == null) {
      for (Path t : templates) {
        skipped.add(new SkippedFile(t, SkippedFile.Reason.TEMPLATE,
            "Helm template (Go template syntax, not YAML); --helm-render renders the chart with helm"));
      }
      return;
    }
    try {
      rendered.addAll(HelmRendered.read(chart, options.helm().render(chart)));
    } catch (IOException | DrydockException e) {
      for (Path t : templates) {
        skip(skipped, new SkippedFile(t, SkippedFile.Reason.TEMPLATE, "helm template " + chart + " failed: "
            + String.valueOf(e.getMessage()).lines().findFirst().orElse("")));
      }
    }
  }

  private static FileKind sniff(Path p) throws IOException {
    String text = FileText.decode(p, FileText.readBounded(p), true).text();
    return LOOKS_LIKE_DOCKERFILE.matcher(text).find() ? FileKind.DOCKERFILE : FileKind.YAML;
  }

  /**
   * Groups compose files into projects: the given {@code --compose-file}s; in a walked directory the default file
   * with its {@code compose.override.yaml}, as Compose loads them with no {@code -f}; every other file alone.
   */
  private List<List<Candidate>> projects(List<Candidate> candidates) {
    List<List<Candidate>> out = new ArrayList<>();
    if (!options.composeFiles().isEmpty()) {
      out.add(options.composeFiles().stream().map(c -> new Candidate(c, FileKind.COMPOSE, false)).toList());
    }
    Map<Path, List<Candidate>> byDir = new LinkedHashMap<>();
    for (Candidate c : candidates) {
      Path dir = c.path().toAbsolutePath().getParent();
      if (c.walked() && c.kind() == FileKind.COMPOSE && dir != null) {
        byDir.computeIfAbsent(dir, d -> new ArrayList<>()).add(c);
      }
    }
    Set<Candidate> grouped = new LinkedHashSet<>();
    Map<Candidate, List<Candidate>> pairs = new HashMap<>();
    for (List<Candidate> inDir : byDir.values()) {
      Candidate base = first(inDir, FileKind.COMPOSE_DEFAULTS);
      Candidate override = first(inDir, FileKind.COMPOSE_OVERRIDES);
      if (base != null && override != null) {
        pairs.put(base, List.of(base, override));
        grouped.add(override);
      }
    }
    for (Candidate c : candidates) {
      if (grouped.contains(c)) {
        continue;
      }
      out.add(pairs.getOrDefault(c, List.of(c)));
    }
    return out;
  }

  private static @Nullable Candidate first(List<Candidate> inDir, List<String> names) {
    for (String n : names) {
      for (Candidate c : inDir) {
        if (c.path().getFileName().toString().equals(n)) {
          return c;
        }
      }
    }
    return null;
  }

  /** The variables of a project: {@code --env-file}s, else the {@code .env} beside its first file. */
  private @Nullable Env env(Candidate first) throws IOException {
    if (!options.envFiles().isEmpty()) {
      Optional<Env> given = dirEnvs.get(null);
      if (given == null) {
        Map<String, String> all = new LinkedHashMap<>();
        for (Path f : options.envFiles()) {
          if (!Files.isRegularFile(f)) {
            throw DrydockException.notFound("Tried to read environment file " + f + " but failed because: no such file");
          }
          all.putAll(DotEnv.parse(f, FileText.decode(f, FileText.readBounded(f), false).text()));
        }
        given = Optional.of(new Env(all, String.join(", ", options.envFiles().stream().map(Path::toString).toList())));
        dirEnvs.put(null, given);
      }
      return given.get();
    }
    Path dir = first.path().toAbsolutePath().getParent();
    if (dir == null) {
      return null;
    }
    Optional<Env> e = dirEnvs.get(dir);
    if (e == null) {
      Path dotEnv = dir.resolve(".env");
      e = Files.isRegularFile(dotEnv)
          ? Optional.of(new Env(DotEnv.parse(dotEnv, FileText.decode(dotEnv, FileText.readBounded(dotEnv), false).text()),
              first.path().resolveSibling(".env").toString()))
          : Optional.empty();
      dirEnvs.put(dir, e);
    }
    return e.orElse(null);
  }

  /** A file could not be read or parsed: why, as a category. */
  private static final class Unread extends Exception {
    private static final long serialVersionUID = 1L;
    final SkippedFile.Reason reason;
    final transient DrydockException exception;

    Unread(SkippedFile.Reason reason, DrydockException exception) {
      super(exception.getMessage(), null, false, false);
      this.reason = reason;
      this.exception = exception;
    }
  }

  private Read read(Candidate c, Candidate projectFirst) throws IOException, Unread {
    Path f = c.path();
    byte[] bytes;
    try {
      bytes = FileText.readBounded(f);
    } catch (DrydockException e) {
      throw new Unread(SkippedFile.Reason.TOO_LARGE, e);
    } catch (IOException e) {
      throw new Unread(SkippedFile.Reason.UNREADABLE, new DrydockException(ErrorKind.INVALID_INPUT,
          "Tried to read " + f + " but failed because: " + e.getMessage()));
    }
    FileText.Decoded d;
    try {
      d = FileText.decode(f, bytes, c.kind() == FileKind.DOCKERFILE);
    } catch (DrydockException e) {
      throw new Unread(SkippedFile.Reason.NOT_UTF8, e);
    }
    if (d.charset() != StandardCharsets.UTF_8) {
      events.warn(f + " is not UTF-8: read as Latin-1 (ISO-8859-1), and written back so when pinned");
    }
    try {
      if (c.kind() == FileKind.DOCKERFILE) {
        return new Read(c, d.text(), d.charset(), null, DockerfileParser.parse(f, d.text()));
      }
      Env env = null;
      boolean maybeCompose = c.kind() == FileKind.COMPOSE || (c.kind() == FileKind.YAML && d.text().contains("services"));
      if (maybeCompose && d.text().indexOf('$') >= 0) {
        env = env(projectFirst); // may fail: a .env that does not parse
      }
      YamlRefs.Context ctx = new YamlRefs.Context(env == null ? Map.of() : env.values(),
          env == null ? ".env" : env.source(), c.kind() == FileKind.HELM_VALUES ? helmPrefixes(f) : Set.of(),
          fieldsFor(f));
      return new Read(c, d.text(), d.charset(), YamlRefs.parse(f, d.text(), c.kind(), ctx), null);
    } catch (DrydockException e) {
      boolean template = d.text().contains("{{") || d.text().contains("{%");
      throw new Unread(template ? SkippedFile.Reason.TEMPLATE : SkippedFile.Reason.DOES_NOT_PARSE, e);
    }
  }

  /** The files of one project, with compose services merged across them. */
  private static List<SourceFile> merged(List<Read> reads) {
    List<ComposeProjects.Member> members = new ArrayList<>();
    for (Read r : reads) {
      if (r.yaml() != null && !r.yaml().services().isEmpty()) {
        members.add(new ComposeProjects.Member(r.candidate().path(), r.yaml()));
      }
    }
    Map<Path, List<FoundRef>> composed = members.isEmpty() ? Map.of() : ComposeProjects.merge(members);
    List<SourceFile> out = new ArrayList<>();
    for (Read r : reads) {
      Path f = r.candidate().path();
      if (r.dockerfile() != null) {
        out.add(new SourceFile(f, r.candidate().kind(), r.text(), r.dockerfile().dockerfile(), r.dockerfile().refs(),
            r.charset()));
      } else {
        out.add(new SourceFile(f, r.candidate().kind(), r.text(), null,
            composed.getOrDefault(f, r.yaml() == null ? List.of() : r.yaml().refs()), r.charset()));
      }
    }
    return out;
  }

  /**
   * Values paths whose {@code repository} the chart's templates use as a prefix: {@code {{ .Values.X.repository }}/}
   * or {@code printf "%s/…" .Values.X.repository}.
   */
  private Set<String> helmPrefixes(Path values) {
    Path chart = values.toAbsolutePath().getParent();
    if (chart == null || !Files.isRegularFile(chart.resolve("Chart.yaml"))) {
      return Set.of();
    }
    return chartPrefixes.computeIfAbsent(chart, HelmPrefixes::of);
  }

  /** Reads one file as the given kind. */
  public static SourceFile read(Path file, FileKind kind) throws IOException {
    FileText.Decoded d = FileText.decode(file, FileText.readBounded(file), kind == FileKind.DOCKERFILE);
    SourceFile s = parse(file, d.text(), kind);
    return new SourceFile(s.path(), s.kind(), s.text(), s.dockerfile(), s.refs(), d.charset());
  }

  /** Finds the references in {@code text} as if it were {@code file} (pure; no variables, no merging). */
  public static SourceFile parse(Path file, String text, FileKind kind) {
    if (kind == FileKind.DOCKERFILE) {
      DockerfileParser.Parsed p = DockerfileParser.parse(file, text);
      return new SourceFile(file, kind, text, p.dockerfile(), p.refs());
    }
    YamlRefs.Parsed p = YamlRefs.parse(file, text, kind, YamlRefs.Context.NONE);
    List<FoundRef> refs = p.services().isEmpty() ? p.refs()
        : ComposeProjects.merge(List.of(new ComposeProjects.Member(file, p))).get(file);
    return new SourceFile(file, kind, text, null, refs);
  }
}
