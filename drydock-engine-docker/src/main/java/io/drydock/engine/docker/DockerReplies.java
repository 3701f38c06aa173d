package io.drydock.engine.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.PullResponseItem;
import io.drydock.model.Digest;
import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import io.drydock.model.ImageRef;
import io.drydock.rollout.spi.ContainerInfo;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Pure helpers of {@link DockerEngine}: engine answers and errors into drydock's values and one-line messages. */
final class DockerReplies {
  private DockerReplies() {}

  /**
   * Collects the error of a pull's progress stream. (docker-java's PullImageResultCallback fails with a
   * NullPointerException on Podman's error items, which have no status.)
   */

  static final class PullProgress extends ResultCallback.Adapter<PullResponseItem> {
    volatile @Nullable String error;

    @Override
    public void onNext(PullResponseItem item) {
      if (item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null) {
        error = item.getErrorDetail().getMessage();
      }
    }
  }

  /** docker-java reports a failed pull's stream as DockerClientException("Could not pull image: …"). */

  static DrydockException pullFailure(ImageRef image, DockerClientException e) {
    String why = oneLine(e).replaceFirst("^Could not pull image: ", "");
    String lower = why.toLowerCase(java.util.Locale.ROOT);
    boolean missing = lower.contains("manifest unknown") || lower.contains("not found") || lower.contains("no such image")
        || lower.contains("name unknown");
    if (lower.contains("unauthorized") || lower.contains("authentication required") || lower.contains("denied")) {
      return new DrydockException(ErrorKind.AUTH, "Tried to pull " + image + " but failed because: " + why, e);
    }
    return new DrydockException(missing ? ErrorKind.NOT_FOUND : ErrorKind.UNREACHABLE, "Tried to pull " + image
        + " but failed because: " + why, e);
  }

  /** The repo digest of the image's repository; else the image id (local-only images on Docker). */

  static Digest digestOf(InspectImageResponse inspected, ImageRef image) {
    return repoDigest(inspected.getRepoDigests(), image).orElseGet(() -> Digest.parse(inspected.getId()));
  }

  static Optional<Digest> repoDigest(@Nullable List<String> repoDigests, ImageRef image) {
    if (repoDigests == null) {
      return Optional.empty();
    }
    for (String entry : repoDigests) {
      try {
        ImageRef ref = ImageRef.parse(entry);
        if (ref.digest() != null && ref.registry().equals(image.registry()) && ref.repository().equals(image.repository())) {
          return Optional.of(ref.digest());
        }
      } catch (IllegalArgumentException skip) {
        // an entry we cannot parse is not ours
      }
    }
    return Optional.empty();
  }

  static List<String> localNames(ImageRef image) {
    String name = image.registry() + "/" + image.repository();
    List<String> names = new ArrayList<>();
    if (image.digest() != null) {
      names.add(name + "@" + image.digest());
      names.add(image.digest().toString()); // an image id returned for a local-only image
    } else {
      names.add(name + ":" + image.tagOrLatest());
    }
    return names;
  }

  static Bind bind(String volume) {
    try {
      return Bind.parse(volume);
    } catch (IllegalArgumentException e) {
      throw DrydockException.invalidInput("Tried to use volume '" + volume + "' but failed because: expected source:target[:ro]");
    }
  }

  /** docker-java messages look like "Status 404: {\"message\":\"…\"}"; keep the engine's words on one line. */

  static String message(DockerException e) {
    String m = e.getMessage() == null ? "" : e.getMessage();
    int at = m.indexOf("\"message\":\"");
    if (at >= 0) {
      StringBuilder text = new StringBuilder();
      for (int i = at + 11; i < m.length() && m.charAt(i) != '"'; i++) {
        char c = m.charAt(i);
        if (c == '\\' && i + 1 < m.length()) {
          c = m.charAt(++i);
        }
        text.append(c);
      }
      m = text.toString();
    } else {
      m = m.replaceFirst("^Status [0-9]+: ", "");
    }
    return m.replaceAll("\\s*[\\r\\n]+\\s*", " / ").strip();
  }

  static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  static Throwable rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }

  static String oneLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return m.replaceAll("\\s*[\\r\\n]+\\s*", " / ").strip();
  }

  static ContainerInfo info(InspectContainerResponse c) {
    InspectContainerResponse.ContainerState state = c.getState();
    String status = state == null || state.getStatus() == null ? "unknown" : state.getStatus();
    Long exit = state == null ? null : state.getExitCodeLong();
    Integer exitCode = exit == null || status.equals("running") || status.equals("created") ? null : exit.intValue();
    String name = c.getName() == null ? "" : c.getName().replaceFirst("^/", "");
    Map<String, String> labels = c.getConfig() == null || c.getConfig().getLabels() == null ? Map.of() : c.getConfig().getLabels();
    String started = state == null ? null : state.getStartedAt();
    return new ContainerInfo(c.getId(), name, status, exitCode, c.getImageId() == null ? "" : c.getImageId(), labels,
        started == null || started.startsWith("0001-01-01") ? null : started);
  }

  static void checkSocket(String host, URI uri) {
    if ("unix".equals(uri.getScheme()) && !Files.exists(Path.of(uri.getPath()))) {
      throw new DrydockException(ErrorKind.UNREACHABLE, "Tried to connect to the container engine at " + host
          + " but failed because: no such socket (is podman system service / dockerd running?)");
    }
  }
}
