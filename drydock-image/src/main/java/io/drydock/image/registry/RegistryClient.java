package io.drydock.image.registry;

import io.drydock.image.BlobStore;
import io.drydock.image.ImageOptions;
import io.drydock.image.RawManifest;
import io.drydock.model.Digest;
import io.drydock.model.DrydockException;
import io.drydock.model.ImageRef;
import io.drydock.model.event.EventSink;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The one door to container registries (OCI distribution API). It owns the transport rules (HTTPS; plain HTTP
 * and unverified TLS only for loopback hosts or with {@link ImageOptions#insecure()}, HTTPS tried first),
 * authentication (Docker {@code config.json}, credential helpers, Basic, bearer tokens cached per scope),
 * retries with backoff and {@link ImageOptions#timeout()}. Failures are {@link DrydockException}s with one-line
 * messages: AUTH, NOT_FOUND, UNREACHABLE, INVALID_INPUT, USAGE. Thread-safe; share one per process.
 *
 * <p>Every method names the repository with an {@link ImageRef}; its tag and digest are used where the
 * operation needs a reference ({@link ImageRef#reference()}: the digest when pinned, else the tag or
 * {@code latest}).
 */
public final class RegistryClient implements AutoCloseable {
  /** Blobs above this size are uploaded in chunks. */
  public static final long CHUNKED_ABOVE = 16L * 1024 * 1024;
  /** The chunk size of chunked uploads. */
  public static final int CHUNK_SIZE = 8 * 1024 * 1024;
  private final ImageOptions options;
  private final Http http;
  private final CredentialResolver credentials;
  private final TokenCache tokens;
  private final FetchToken fetchToken;
  private final Map<String, RegistrySession> sessions = new ConcurrentHashMap<>();

  private RegistryClient(Builder b) {
    this.options = b.options;
    this.http = new Http(b.options.timeout(), b.retry, b.sleeper, b.clock, b.options.insecure(), b.events);
    this.credentials = new CredentialResolver(b.options.dockerConfigDir(), b.environment,
        new CredentialHelper(b.environment, b.options.timeout()));
    this.tokens = new TokenCache(b.clock);
    this.fetchToken = new FetchToken(http, b.clock);
  }

  /** A client reading credentials as Docker does, from the process environment. */
  public static RegistryClient create(ImageOptions options) {
    return builder(options).build();
  }

  public static Builder builder(ImageOptions options) {
    return new Builder(options);
  }

  /** Options beyond {@link ImageOptions}. */
  public static final class Builder {
    private final ImageOptions options;
    private EventSink events = EventSink.NONE;
    private Map<String, String> environment = System.getenv();
    private Clock clock = Clock.systemUTC();
    private RetryPolicy retry = RetryPolicy.DEFAULT;
    private Sleeper sleeper = Sleeper.REAL;

    private Builder(ImageOptions options) {
      this.options = Objects.requireNonNull(options);
    }

    /** Where retries and transport choices are reported (as debug events). */
    public Builder events(EventSink sink) {
      this.events = Objects.requireNonNull(sink);
      return this;
    }

    /**
     * The environment to read {@code DOCKER_CONFIG} and {@code HOME} from, and the only environment credential
     * helpers run with (their {@code PATH} included). Default: the process environment.
     */
    public Builder environment(Map<String, String> env) {
      this.environment = Map.copyOf(env);
      return this;
    }

    /** The clock token expiry and {@code Retry-After} dates are judged by. */
    public Builder clock(Clock c) {
      this.clock = Objects.requireNonNull(c);
      return this;
    }

    Builder retry(RetryPolicy policy, Sleeper s) {
      this.retry = policy;
      this.sleeper = s;
      return this;
    }

    public RegistryClient build() {
      return new RegistryClient(this);
    }
  }

  /** Checks that {@code registry} (e.g. {@code 127.0.0.1:5000}, {@code docker.io}) answers the v2 API. */
  public void ping(String registry) throws IOException {
    session(registry).endpoint("ping registry " + registry);
  }

  /**
   * Fetches the manifest or index {@code ref} names (digest when pinned, else tag), refusing more than
   * {@code maxBytes}. The digest is verified against {@code Docker-Content-Digest} and a pinned digest.
   */
  public RawManifest fetchManifest(ImageRef ref, long maxBytes) throws IOException {
    return FetchManifest.fetch(session(ref.registry()), ref.repository(), ref.reference(), maxBytes);
  }

  /**
   * The digest of the manifest (or index) {@code ref}'s tag points at, by {@code HEAD} — what {@code drydock
   * pin} writes. A pinned ref is checked to exist and its digest returned as the registry reports it.
   * NOT_FOUND when there is no such tag.
   */
  public Digest headDigest(ImageRef ref) throws IOException {
    String reference = ref.reference();
    return HeadManifest.head(session(ref.registry()), ref.repository(), reference, "resolve digest of")
        .orElseThrow(() -> DrydockException.notFound("Tried to resolve digest of "
            + Refs.display(ref.registry(), ref.repository(), reference) + " but failed because: "
            + FetchManifest.notFound(ref.repository(), reference, ref.registry())));
  }

  /** Whether the manifest {@code ref} names exists (HEAD; 404 = false). */
  public boolean manifestExists(ImageRef ref) throws IOException {
    return HeadManifest.head(session(ref.registry()), ref.repository(), ref.reference(), "check manifest").isPresent();
  }

  /** Whether the repository of {@code ref} exists (its tag and digest are ignored). */
  public boolean repositoryExists(ImageRef ref) throws IOException {
    return ListTags.repositoryExists(session(ref.registry()), ref.repository());
  }

  /** The repositories of {@code registry} ({@code GET /v2/_catalog}), following pagination. */
  public List<String> catalog(String registry) throws IOException {
    return Catalog.list(session(registry));
  }

  /** All tags of the repository of {@code ref}, in the registry's order, following pagination. */
  public List<String> listTags(ImageRef ref) throws IOException {
    return ListTags.list(session(ref.registry()), ref.repository(), ListTags.PAGE_SIZE);
  }

  /** Same, asking for pages of {@code pageSize} tags (the {@code n} parameter). */
  public List<String> listTags(ImageRef ref, int pageSize) throws IOException {
    if (pageSize < 1) {
      throw new IllegalArgumentException("pageSize must be positive");
    }
    return ListTags.list(session(ref.registry()), ref.repository(), pageSize);
  }

  /** Streams a blob of the repository of {@code ref}; unverified, the caller checks the digest. Close it. */
  public InputStream openBlob(ImageRef ref, Digest digest) throws IOException {
    return FetchBlob.open(session(ref.registry()), ref.repository(), digest);
  }

  /** Whether the repository of {@code ref} has the blob {@code digest} (HEAD; 404 = false). */
  public boolean blobExists(ImageRef ref, Digest digest) throws IOException {
    return HeadBlob.exists(session(ref.registry()), ref.repository(), digest);
  }

  /**
   * Uploads {@code blob} into the repository of {@code ref}: monolithic up to {@link #CHUNKED_ABOVE} bytes, else
   * in {@link #CHUNK_SIZE} chunks resumed where the registry says it stopped after a failure. The registry's
   * digest must be the blob's. Does not check whether the blob exists first ({@link #pushImage} does).
   */
  public void pushBlob(ImageRef ref, PushBlob blob) throws IOException {
    pushBlob(ref, blob, blob.size() > CHUNKED_ABOVE ? CHUNK_SIZE : 0);
  }

  /** Same, in chunks of {@code chunkSize} bytes (0 = monolithic); returns how many times it resumed. */
  int pushBlob(ImageRef ref, PushBlob blob, int chunkSize) throws IOException {
    return UploadBlob.upload(session(ref.registry()), ref.repository(), blob.digest(), blob.content(), chunkSize);
  }

  /** Mounts {@code digest} from {@code fromRepository} on the same registry; false when the registry would not. */
  public boolean mountBlob(ImageRef ref, Digest digest, String fromRepository) throws IOException {
    return MountBlob.mount(session(ref.registry()), ref.repository(), digest, fromRepository);
  }

  /**
   * Stores {@code manifest} at {@code ref.reference()} (its tag, or its digest when pinned) and returns its
   * digest, checked against the registry's {@code Docker-Content-Digest}.
   */
  public Digest putManifest(ImageRef ref, String mediaType, byte[] manifest) throws IOException {
    return PutManifest.put(session(ref.registry()), ref.repository(), ref.reference(), mediaType, manifest).digest();
  }

  /**
   * Pushes an image or artifact: each blob (config and layers) unless the repository has it — mounted when the
   * blob names a repository to mount from and the registry agrees, else uploaded — then the manifest at
   * {@code ref.reference()}. Returns the manifest digest.
   */
  public Digest pushImage(ImageRef ref, String mediaType, byte[] manifest, List<PushBlob> blobs) throws IOException {
    RegistrySession s = session(ref.registry());
    for (PushBlob blob : blobs) {
      if (HeadBlob.exists(s, ref.repository(), blob.digest())) {
        continue;
      }
      if (blob.mountFrom() != null && MountBlob.mount(s, ref.repository(), blob.digest(), blob.mountFrom())) {
        continue;
      }
      pushBlob(ref, blob);
    }
    return putManifest(ref, mediaType, manifest);
  }

  /**
   * The OCI 1.1 referrers of {@code subject} in the repository of {@code ref}, optionally only those of
   * {@code artifactType}; from the referrers API, or the {@code sha256-<hex>} tag index when the registry lacks it.
   */
  public List<Referrer> referrers(ImageRef ref, Digest subject, @Nullable String artifactType) throws IOException {
    return FetchReferrers.list(session(ref.registry()), ref.repository(), subject, artifactType);
  }

  /**
   * Pushes a manifest whose {@code subject} is {@code subject} (by digest) and, when the registry does not
   * index subjects itself (no {@code OCI-Subject} header), adds it to the {@code sha256-<hex>} fallback index.
   */
  public Digest attachReferrer(ImageRef ref, Digest subject, String mediaType, byte[] manifest,
      @Nullable String artifactType, Map<String, String> annotations) throws IOException {
    RegistrySession s = session(ref.registry());
    Digest digest = Digest.sha256(manifest);
    PutManifest.Result result = PutManifest.put(s, ref.repository(), digest.toString(), mediaType, manifest);
    if (!result.subjectIndexed()) {
      FetchReferrers.addToFallback(s, ref.repository(), subject,
          new Referrer(mediaType, digest, manifest.length, artifactType, annotations));
    }
    return digest;
  }

  /**
   * The repository of {@code ref} as a {@link BlobStore}, for the image resolver. It shares this client; closing
   * the store does not close the client.
   */
  public BlobStore blobStore(ImageRef ref) {
    return new RegistryBlobStore(this, ref);
  }

  ImageOptions options() {
    return options;
  }

  RegistrySession session(String registry) {
    return sessions.computeIfAbsent(registry,
        r -> new RegistrySession(RegistryHost.of(r), http, options.insecure(), credentials, tokens, fetchToken));
  }

  RawManifest fetchManifest(String registry, String repository, String reference, long maxBytes) throws IOException {
    return FetchManifest.fetch(session(registry), repository, reference, maxBytes);
  }

  InputStream openBlob(String registry, String repository, Digest digest) throws IOException {
    return FetchBlob.open(session(registry), repository, digest);
  }

  /** Forgets endpoints and tokens; connections close when idle (the JDK client has no close in Java 17). */
  @Override
  public void close() {
    sessions.clear();
  }
}
