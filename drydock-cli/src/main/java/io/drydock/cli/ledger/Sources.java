package io.drydock.cli.ledger;

import io.drydock.engine.docker.DockerEngine;
import io.drydock.engine.docker.EngineInventory;
import io.drydock.engine.docker.RunningContainer;
import io.drydock.image.registry.RegistryClient;
import io.drydock.model.Digest;
import io.drydock.model.DrydockException;
import io.drydock.model.ErrorKind;
import io.drydock.model.ImageRef;
import io.drydock.model.event.EventSink;
import io.drydock.refs.find.FinderOptions;
import io.drydock.refs.find.FoundRef;
import io.drydock.refs.find.RefFinder;
import io.drydock.rollout.spec.ServiceFile;
import io.drydock.rollout.spec.ServiceSpec;
import io.drydock.store.InventoryEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/** Reads one inventory source into observations (thin: the engine, refs, service-file and registry facades do the work). */
final class Sources {
  static final String TIER_LABEL = "io.drydock.tier";
  static final String SERVICE_LABEL = "io.drydock.service";
  static final String COMPOSE_SERVICE_LABEL = "com.docker.compose.service";

  private Sources() {}

  /** One sync scope: entries of {@code kind} whose location starts with {@code prefix}. */
  record Scope(String kind, String name, String prefix, List<InventoryEntry.Observation> seen) {}

  static Scope engine(String host, Map<String, String> tiers) {
    try (DockerEngine engine = DockerEngine.connect(host)) {
      List<RunningContainer> running = EngineInventory.running(engine);
      String machine = running.isEmpty() ? hostName(engine) : running.get(0).engineHost();
      List<InventoryEntry.Observation> seen = new ArrayList<>();
      for (RunningContainer c : running) {
        String service = c.labels().getOrDefault(SERVICE_LABEL, c.labels().getOrDefault(COMPOSE_SERVICE_LABEL, c.name()));
        String tier = tiers.getOrDefault(service, c.labels().get(TIER_LABEL));
        seen.add(new InventoryEntry.Observation("container", machine + "/" + c.name(), c.image(),
            c.repoDigest() != null ? c.repoDigest() : c.imageId(), service, machine, tier, c.labels()));
      }
      return new Scope("container", host + " (" + machine + ")", machine + "/", seen);
    }
  }

  private static String hostName(DockerEngine engine) {
    return EngineInventory.hostName(engine);
  }

  static Scope refs(Path path, EventSink events) throws IOException {
    if (!Files.exists(path)) {
      throw DrydockException.notFound("Tried to read " + path + " but failed because: it does not exist");
    }
    Path abs = path.toAbsolutePath().normalize();
    RefFinder.Result result = new RefFinder(events, FinderOptions.DEFAULTS).find(List.of(abs));
    List<InventoryEntry.Observation> seen = new ArrayList<>();
    for (FoundRef r : result.refs()) {
      if (r.image() == null || !r.isPulled()) {
        continue;
      }
      seen.add(new InventoryEntry.Observation("ref", r.file().toAbsolutePath().normalize() + ":" + r.line() + ":" + r.column(),
          r.written(), r.image().digest(), null, null, null, Map.of()));
    }
    return new Scope("ref", abs.toString(), abs.toString(), dedupe(seen));
  }

  static Scope serviceFile(Path file, Map<String, String> tiers) {
    Path abs = file.toAbsolutePath().normalize();
    ServiceSpec spec = ServiceFile.read(abs);
    ImageRef image = spec.image();
    return new Scope("service", abs.toString(), abs.toString(), List.of(new InventoryEntry.Observation("service", abs.toString(),
        image.toString(), image.digest(), spec.name(), null, tiers.get(spec.name()), Map.of())));
  }

  /** The whole registry without a filter; with one, one scope per matching repository (others are left alone). */
  static List<Scope> registry(RegistryClient client, String registry, @Nullable String filter) throws IOException {
    Pattern p;
    try {
      p = filter == null ? null : Pattern.compile(filter);
    } catch (PatternSyntaxException e) {
      throw DrydockException.usage("--repo-filter is not a regular expression: " + e.getDescription());
    }
    List<InventoryEntry.Observation> seen = new ArrayList<>();
    List<Scope> scopes = new ArrayList<>();
    for (String repo : client.catalog(registry)) {
      if (p != null && !p.matcher(repo).find()) {
        continue;
      }
      int before = seen.size();
      ImageRef base = ImageRef.parse(registry + "/" + repo);
      for (String tag : client.listTags(base)) {
        ImageRef ref = ImageRef.parse(registry + "/" + repo + ":" + tag);
        Digest d;
        try {
          d = client.headDigest(ref);
        } catch (DrydockException e) {
          if (e.kind() == ErrorKind.NOT_FOUND) {
            continue;
          }
          throw e;
        }
        seen.add(new InventoryEntry.Observation("registry", registry + "/" + repo + ":" + tag, ref.toString(), d, null, null,
            null, Map.of()));
      }
      if (p != null) {
        scopes.add(new Scope("registry", registry + "/" + repo, registry + "/" + repo + ":",
            List.copyOf(seen.subList(before, seen.size()))));
      }
    }
    return p != null ? scopes : List.of(new Scope("registry", registry, registry + "/", seen));
  }

  private static List<InventoryEntry.Observation> dedupe(List<InventoryEntry.Observation> seen) {
    Map<String, InventoryEntry.Observation> byLocation = new java.util.LinkedHashMap<>();
    seen.forEach(o -> byLocation.putIfAbsent(o.location(), o));
    return new ArrayList<>(byLocation.values());
  }
}
