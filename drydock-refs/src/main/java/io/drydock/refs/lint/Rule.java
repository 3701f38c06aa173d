package io.drydock.refs.lint;

/** The lint rules, each with a stable id (used in SARIF and for filtering), a default level and a one-line help. */
public enum Rule {
  MUTABLE_TAG("DD001", "mutable-tag", Level.ERROR,
      "Image reference uses a mutable tag (latest, none, or a tag that is not a version) and no digest",
      "Use a version tag and pin it to a digest (drydock pin)."),
  MISSING_DIGEST("DD002", "missing-digest", Level.WARNING,
      "Image reference is not pinned to a digest",
      "Pin it: drydock pin rewrites repo:tag to repo:tag@sha256:…, so every build and deploy gets the same bytes."),
  REGISTRY_NOT_ALLOWED("DD003", "registry-not-allowed", Level.ERROR,
      "Image comes from a registry that is not in the allow-list",
      "Mirror the image into an allowed registry, or add the registry to --allowed-registries."),
  UNREADABLE_REFERENCE("DD004", "unreadable-reference", Level.WARNING,
      "Image reference cannot be read (variables without defaults, malformed)",
      "Give the variable a default or write the reference literally so that it can be checked and pinned."),
  NOT_PULLED("DD005", "not-pulled", Level.NOTE,
      "Reference names an image built here (compose build:) or only renames one (kustomize newName/tagSuffix), so it is not checked as a pull",
      "Nothing to do: the tag rules apply where the image is pulled (the base images of its build, the resources' image)."),
  UNREADABLE_FILE("DD006", "unreadable-file", Level.ERROR,
      "A file that may hold image references could not be read (not UTF-8, too large, does not parse)",
      "Fix the file, or pass --skip-unreadable to report it without failing."),
  BUILD_TOOLS_IN_IMAGE("DD101", "build-tools-in-image", Level.WARNING,
      "Single-stage build ships compilers or build tools",
      "Build in a first stage and copy only the result into a small runtime image (multi-stage build)."),
  RUNS_AS_ROOT("DD102", "runs-as-root", Level.WARNING,
      "Final stage sets no non-root USER, so the container runs as root unless its base image says otherwise",
      "Add USER with a non-root user (e.g. USER 65532) to the final stage."),
  APT_RECOMMENDS("DD103", "apt-install-recommends", Level.WARNING,
      "apt-get install without --no-install-recommends",
      "Add --no-install-recommends so that only what is needed is installed."),
  APT_LISTS_LEFT("DD104", "apt-lists-not-removed", Level.WARNING,
      "apt-get install without removing /var/lib/apt/lists in the same RUN",
      "End the RUN with && rm -rf /var/lib/apt/lists/* so the package lists do not stay in the layer."),
  ADD_REMOTE_URL("DD105", "add-remote-url", Level.WARNING,
      "ADD fetches a remote URL",
      "Download with curl/wget in a RUN and verify a checksum, or use ADD --checksum=sha256:…; prefer COPY for local files.");

  /** SARIF result levels. */
  public enum Level {
    ERROR("error"), WARNING("warning"), NOTE("note");

    private final String sarif;

    Level(String sarif) {
      this.sarif = sarif;
    }

    public String sarif() {
      return sarif;
    }
  }

  private final String id;
  private final String slug;
  private final Level level;
  private final String description;
  private final String help;

  Rule(String id, String slug, Level level, String description, String help) {
    this.id = id;
    this.slug = slug;
    this.level = level;
    this.description = description;
    this.help = help;
  }

  public String id() {
    return id;
  }

  public String slug() {
    return slug;
  }

  public Level level() {
    return level;
  }

  public String description() {
    return description;
  }

  public String help() {
    return help;
  }
}
