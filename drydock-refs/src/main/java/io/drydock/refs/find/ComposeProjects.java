package io.drydock.refs.find;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The files of one Compose project merged as Compose does ({@code compose.yaml} + {@code compose.override.yaml},
 * or {@code -f a -f b}): a later file's {@code image} replaces an earlier one, {@code build} is kept from any file
 * unless a later one says {@code build: !reset}, and {@code extends} (within the project) passes {@code build} on.
 * What that changes for references: a service that builds names a local image, not a registry pull, and an image
 * that a later file overrides is marked so. Pure.
 */
final class ComposeProjects {
  private ComposeProjects() {}

  /** One file of a project, in {@code -f} order. */
  record Member(Path file, YamlRefs.Parsed parsed) {}

  private static final class Merged {
    @Nullable String build;
    @Nullable FoundRef image;
    @Nullable String extendsService;
    final List<FoundRef> images = new ArrayList<>();
  }

  /** Each member's references, with roles and notes from the merged project. */
  static Map<Path, List<FoundRef>> merge(List<Member> members) {
    Map<String, Merged> merged = new LinkedHashMap<>();
    Map<FoundRef, FoundRef> overriddenBy = new IdentityHashMap<>();
    for (Member m : members) {
      for (YamlRefs.Service s : m.parsed().services().values()) {
        Merged x = merged.computeIfAbsent(s.name(), k -> new Merged());
        if (s.buildReset()) {
          x.build = null;
        } else if (s.build() != null) {
          x.build = s.build();
        }
        if (s.imageReset()) {
          x.image = null;
        } else if (s.image() != null) {
          if (x.image != null) {
            overriddenBy.put(x.image, s.image());
          }
          x.image = s.image();
          x.images.add(s.image());
        }
        if (s.extendsService() != null) {
          x.extendsService = s.extendsService();
        }
      }
    }
    Map<FoundRef, FoundRef> replaced = new IdentityHashMap<>();
    merged.forEach((name, x) -> {
      String build = build(merged, name, 0);
      for (FoundRef ref : x.images) {
        FoundRef r = ref;
        if (build != null) {
          r = r.withRole(RefRole.BUILT_LOCALLY, "service " + name + " builds it (build: at " + build
              + "): a local image, not pulled");
        }
        FoundRef later = overriddenBy.get(ref);
        if (later != null) {
          r = r.withNote("overridden by " + later.file().getFileName() + ":" + later.line() + ":" + later.column());
        }
        replaced.put(ref, r);
      }
    });
    Map<Path, List<FoundRef>> out = new LinkedHashMap<>();
    for (Member m : members) {
      out.put(m.file(), m.parsed().refs().stream().map(r -> replaced.getOrDefault(r, r)).toList());
    }
    return out;
  }

  private static @Nullable String build(Map<String, Merged> merged, String name, int depth) {
    Merged x = merged.get(name);
    if (x == null || depth > 10) {
      return null;
    }
    return x.build != null ? x.build : x.extendsService != null ? build(merged, x.extendsService, depth + 1) : null;
  }
}
