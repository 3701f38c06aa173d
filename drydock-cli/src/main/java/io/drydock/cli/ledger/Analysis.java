package io.drydock.cli.ledger;

import io.drydock.cli.support.Console;
import io.drydock.cli.support.ImageOptionsMixin;
import io.drydock.model.Digest;
import io.drydock.model.DrydockException;
import io.drydock.model.Sbom;
import io.drydock.scan.Inventory;
import io.drydock.scan.Scanner;
import io.drydock.scan.db.VulnDb;
import io.drydock.store.InventoryEntry;
import io.drydock.store.Ledger;
import io.drydock.store.StoredFinding;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import io.drydock.model.Package;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Analyses inventory digests that have no stored SBOM yet, once each, and matches stored SBOMs against the DB. */
final class Analysis {
  private final Console console;
  private final ImageOptionsMixin imageOptions;
  private final @Nullable Path db;
  private final String actor;

  Analysis(Console console, ImageOptionsMixin imageOptions, @Nullable Path db, String actor) {
    this.console = console;
    this.imageOptions = imageOptions;
    this.db = db;
    this.actor = actor;
  }

  /** The reference an entry's image is read from: the engine for containers, the registry (pinned) otherwise. */
  static @Nullable String reference(InventoryEntry e) {
    if (e.digest() == null) {
      return null;
    }
    return switch (e.kind()) {
      case "container" -> "engine:" + e.image();
      case "registry" -> e.location().replaceFirst(":[^:/]+$", "") + "@" + e.digest();
      default -> e.image().contains("@") ? e.image() : e.image().replaceFirst(":[^:/]+$", "") + "@" + e.digest();
    };
  }

  void analyseNew(Ledger ledger, PrintWriter out) throws IOException {
    Inventory inventory = Inventory.create(imageOptions.layerCacheDir(), imageOptions.workDir(), console);
    Set<Digest> done = new HashSet<>();
    try (VulnDb vulnDb = openDb(db != null)) {
      Function<Sbom, List<StoredFinding>> match = matcher(vulnDb);
      for (InventoryEntry e : ledger.inventory(false)) {
        String ref = reference(e);
        if (ref == null || e.digest() == null || !done.add(e.digest()) || ledger.hasSbom(e.digest())) {
          continue;
        }
        Sbom sbom;
        try {
          sbom = inventory.take(ref, imageOptions.toImageOptions()).sbom();
        } catch (DrydockException ex) {
          console.warn("could not analyse " + ref + ": " + ex.getMessage());
          continue;
        }
        List<StoredFinding> findings = match.apply(sbom);
        ledger.storeSbom(actor, e.digest(), e.image(), sbom, findings);
        out.println("analysed " + e.image() + "@" + e.digest().shortHex() + ": " + sbom.packages().size() + " packages, "
            + findings.size() + " findings");
      }
    }
  }

  /** The vulnerability DB, or null when there is none and none was asked for. */
  @Nullable VulnDb openDb(boolean required) {
    Path file = imageOptions.vulnDbFile(db);
    if (!required && !Files.isRegularFile(file)) {
      console.warn("no vulnerability DB at " + file + "; SBOMs are kept without findings (run 'drydock db update', then 'drydock rescan')");
      return null;
    }
    return VulnDb.open(file);
  }

  /**
   * The rescan's matcher: the existing scanner over the DB, with advisories looked up once per (ecosystem, name) and
   * each distinct package matched once for the whole rescan (a fleet shares most packages), not once per image.
   */
  static Function<Sbom, List<StoredFinding>> matcher(@Nullable VulnDb vulnDb) {
    if (vulnDb == null) {
      return s -> List.of();
    }
    Map<String, List<io.drydock.model.Advisory>> advisories = new HashMap<>();
    Scanner scanner = Scanner.of((eco, name) -> advisories.computeIfAbsent(eco + "\u0000" + name, k -> vulnDb.advisories(eco, name)));
    Map<String, List<StoredFinding>> byPackage = new HashMap<>();
    return sbom -> {
      List<StoredFinding> out = new ArrayList<>();
      for (Package p : sbom.packages()) {
        String key = sbom.os() + "\u0000" + p.type() + "\u0000" + p.name() + "\u0000" + p.version() + "\u0000" + p.sourceName()
            + "\u0000" + p.sourceVersion();
        out.addAll(byPackage.computeIfAbsent(key, k -> scanner.scan(new Sbom(sbom.image(), sbom.os(), List.of(p), List.of()))
            .findings().stream().map(StoredFinding::of).toList()));
      }
      return out;
    };
  }
}
