package io.drydock.engine.docker;

import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.model.Container;
import io.drydock.model.Digest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** What runs on an engine, for {@code drydock inventory sync}: running containers with their image digests. */
public final class EngineInventory {
  private EngineInventory() {}

  public static List<RunningContainer> running(DockerEngine engine) {
    String host = hostName(engine);
    List<Container> containers = engine.call("list containers", () -> engine.client().listContainersCmd().exec());
    Map<String, InspectImageResponse> images = new HashMap<>();
    List<RunningContainer> out = new ArrayList<>();
    for (Container c : containers) {
      String imageId = c.getImageId() == null ? "" : c.getImageId();
      InspectImageResponse img = images.computeIfAbsent(imageId, id -> {
        try {
          return id.isEmpty() ? null : engine.call("inspect image " + id, () -> engine.client().inspectImageCmd(id).exec());
        } catch (io.drydock.model.DrydockException e) {
          return null;
        }
      });
      List<String> repoDigests = img == null || img.getRepoDigests() == null ? List.of() : img.getRepoDigests();
      String name = c.getNames() == null || c.getNames().length == 0 ? c.getId() : c.getNames()[0].replaceFirst("^/", "");
      out.add(new RunningContainer(c.getId(), name, c.getImage() == null ? imageId : c.getImage(), digest(imageId),
          repoDigests.isEmpty() ? null : digest(repoDigests.get(0).replaceFirst("^[^@]*@", "")), repoDigests,
          c.getLabels() == null ? Map.of() : c.getLabels(), host));
    }
    out.sort(java.util.Comparator.comparing(RunningContainer::name));
    return out;
  }

  /** The engine's host name ({@code Info.Name}), or its address when it has none. */
  public static String hostName(DockerEngine engine) {
    String name = engine.call("read engine info", () -> engine.client().infoCmd().exec()).getName();
    return name == null || name.isBlank() ? engine.host() : name;
  }

  private static @Nullable Digest digest(String text) {
    String t = text.contains(":") ? text : "sha256:" + text;
    try {
      return Digest.parse(t);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
