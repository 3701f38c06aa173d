package io.drydock.refs.pin;

import io.drydock.model.Digest;
import io.drydock.model.ImageRef;
import io.drydock.model.event.EventSink;
import io.drydock.refs.find.SourceFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pins references to digests: resolves every tag first (any failure — unreachable registry, refused credentials,
 * unknown tag — aborts before a single file is written), then plans the edits and, when asked, replaces the files
 * atomically.
 */
public final class Pinner {
  private final DigestResolver resolver;
  private final EventSink events;

  public Pinner(DigestResolver resolver, EventSink events) {
    this.resolver = resolver;
    this.events = events;
  }

  /** The plan: a verdict per reference and the new text of each file that changes. */
  public record Plan(List<PinChange> changes, Map<SourceFile, String> newTexts) {
    public Plan {
      changes = List.copyOf(changes);
      newTexts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(newTexts));
    }

    /** True when nothing is unpinned, stale or unpinnable. */
    public boolean clean() {
      return changes.stream().noneMatch(PinChange::failsCheck);
    }

    /** Unified diff of every file that changes. */
    public String diff() {
      StringBuilder out = new StringBuilder();
      newTexts.forEach((f, text) -> out.append(TextEdits.unifiedDiff(f.path().toString(), f.text(), text)));
      return out.toString();
    }
  }

  /** Resolves and plans without writing anything. */
  public Plan plan(List<SourceFile> files) throws IOException {
    Map<ImageRef, Digest> resolved = new LinkedHashMap<>();
    for (SourceFile f : files) {
      for (var ref : f.refs()) {
        Optional<ImageRef> tag = PinPlanner.tagToResolve(ref);
        if (tag.isPresent() && !resolved.containsKey(tag.get())) {
          events.progress("resolve", tag.get().familiar(), resolved.size(), -1);
          resolved.put(tag.get(), resolver.digestOf(tag.get()));
        }
      }
    }
    List<PinChange> all = new ArrayList<>();
    Map<SourceFile, String> texts = new LinkedHashMap<>();
    for (SourceFile f : files) {
      List<PinChange> changes = PinPlanner.plan(f, resolved);
      all.addAll(changes);
      List<Edit> edits = changes.stream().map(PinChange::edit).filter(e -> e != null).toList();
      if (!edits.isEmpty()) {
        texts.put(f, TextEdits.apply(f.text(), edits));
      }
    }
    return new Plan(all, texts);
  }

  /** Writes the plan's files, all or none (see {@link AtomicFiles}). Returns the files written. */
  public static List<Path> write(Plan plan) throws IOException {
    List<AtomicFiles.Replacement> reps = new ArrayList<>();
    plan.newTexts().forEach((f, text) -> reps.add(new AtomicFiles.Replacement(f.path(), f.text(), text, f.charset())));
    AtomicFiles.replaceAll(reps);
    return reps.stream().map(AtomicFiles.Replacement::file).toList();
  }
}
