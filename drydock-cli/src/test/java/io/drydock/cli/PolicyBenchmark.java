package io.drydock.cli;

import io.drydock.cli.policy.PolicyInputs;
import io.drydock.image.ImageOptions;
import io.drydock.model.Finding;
import io.drydock.model.ImageConfig;
import io.drydock.model.ImageMetadata;
import io.drydock.model.Package;
import io.drydock.model.Sbom;
import io.drydock.model.Severity;
import io.drydock.model.event.EventSink;
import io.drydock.cli.policy.PolicyFiles;
import io.drydock.policy.rules.Evaluation;
import io.drydock.policy.rules.Evaluator;
import io.drydock.policy.rules.ImageFacts;
import io.drydock.policy.rules.RuleSet;
import io.drydock.policy.rules.ServiceFacts;
import io.drydock.policy.rules.SignatureCheck;
import io.drydock.scan.Inventory;
import io.drydock.scan.Scanner;
import io.drydock.scan.db.VulnDb;
import io.drydock.policy.filter.FindingFilter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * bench/policy.sh: {@code policy check} of N stored SBOM scan results (default 10,000) in-process, against the
 * plain scan gate (severity filter + "any finding left", what {@code scan --exit-code} decides) over the same
 * results in the same run. The results are made from the real fixture image (lang-packages.oci.tar, read by
 * drydock's analyzers) scanned against the real advisories, with variations per result: a random subset of its
 * findings and packages, user, age, tag and service. The policy is examples/policy/drydock-policy.yaml (every
 * rule kind, CEL and exceptions included). Goal: N = 10,000 in at most 1 s.
 */
public final class PolicyBenchmark {
  private PolicyBenchmark() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    Path repo = Path.of(args.length > 1 ? args[1] : "..").toAbsolutePath().normalize();
    Path tmp = Files.createTempDirectory("policy-bench");
    Path dbFile = ScanFixtures.langDb(tmp);
    Path policyFile = args.length > 2 ? Path.of(args[2]) : repo.resolve("examples/policy/drydock-policy.yaml");
    RuleSet policy = PolicyFiles.read(policyFile);
    Sbom sbom = Inventory.create(null, tmp, EventSink.NONE).take(repo.resolve("testdata/images/lang-packages.oci.tar").toString(),
        ImageOptions.defaults(tmp)).sbom();
    List<ImageFacts> stored = new ArrayList<>(n);
    List<List<Finding>> storedFindings = new ArrayList<>(n);
    List<ImageMetadata> storedMeta = new ArrayList<>(n);
    try (VulnDb db = VulnDb.open(dbFile)) {
      List<Finding> all = Scanner.of(db).scan(sbom).findings();
      ImageFacts base = PolicyInputs.facts(sbom, all, id -> db.byId(id).orElse(null));
      Random rnd = new Random(42);
      for (int i = 0; i < n; i++) {
        List<ImageFacts.FindingFacts> ff = new ArrayList<>();
        List<Finding> fs = new ArrayList<>();
        for (ImageFacts.FindingFacts f : base.findings()) {
          if (rnd.nextInt(4) != 0) {
            ff.add(f);
            fs.add(f.finding());
          }
        }
        List<Package> pk = base.packages().stream().filter(p -> rnd.nextInt(8) != 0).toList();
        ImageConfig c = base.config();
        ImageConfig cfg = new ImageConfig(rnd.nextBoolean() ? "app" : null, c.entrypoint(), c.cmd(), c.env(), c.exposedPorts(), c.workingDir(),
            c.labels(), c.healthcheck(), c.created(), c.volumes());
        String ref = "127.0.0.1:5000/team" + (i % 50) + "/svc" + i + ":1." + (i % 7) + (rnd.nextBoolean() ? "@sha256:" + "a".repeat(64) : "");
        stored.add(new ImageFacts(ref, io.drydock.model.ImageRef.parse(ref), base.digest(), cfg,
            Instant.parse("2026-01-01T00:00:00Z").plusSeconds(86_400L * rnd.nextInt(330)), null, pk, ff));
        storedFindings.add(fs);
        storedMeta.add(sbom.image());
      }
    }
    List<ServiceFacts> services = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      services.add(new ServiceFacts((i % 10 == 0 ? "payments" : "svc") + i, "services/svc" + i + ".yaml", Map.of(), null));
    }
    Instant now = Instant.parse("2026-12-03T10:00:00Z");
    LocalDate today = LocalDate.of(2026, 12, 3);
    FindingFilter.Criteria gate = new FindingFilter.Criteria(EnumSet.of(Severity.HIGH, Severity.CRITICAL), true, List.of(), List.of());
    Evaluator evaluator = new Evaluator(policy, (r, d, t) -> new SignatureCheck.Failed("no signature"));

    System.out.printf("policy check of %,d stored SBOM scan results (%d findings, %d packages each before variation), policy %s (%d rules)%n",
        n, storedFindings.get(0).size(), sbom.packages().size(), repo.relativize(policyFile.toAbsolutePath().normalize()), policy.rules().size());
    long bestGate = Long.MAX_VALUE;
    long bestPolicy = Long.MAX_VALUE;
    long firstPolicy = -1;
    int denied = 0;
    int failedGate = 0;
    for (int round = 0; round < 7; round++) {
      long t0 = System.nanoTime();
      int failed = 0;
      for (int i = 0; i < n; i++) {
        if (!FindingFilter.apply(storedFindings.get(i), gate, storedMeta.get(i), today).findings().isEmpty()) {
          failed++;
        }
      }
      long t1 = System.nanoTime();
      int d = 0;
      for (int i = 0; i < n; i++) {
        Evaluation e = evaluator.evaluate(stored.get(i), services.get(i), Evaluation.Context.check(now));
        if (!e.verdict().passed()) {
          d++;
        }
      }
      long t2 = System.nanoTime();
      if (firstPolicy < 0) {
        firstPolicy = t2 - t1;
      }
      bestGate = Math.min(bestGate, t1 - t0);
      bestPolicy = Math.min(bestPolicy, t2 - t1);
      denied = d;
      failedGate = failed;
    }
    System.out.printf("baseline, plain scan gate (severity HIGH,CRITICAL, --ignore-unfixed, any left): %,.1f ms (%d fail)%n", bestGate / 1e6, failedGate);
    System.out.printf("policy check, cold (first round):                                          %,.1f ms%n", firstPolicy / 1e6);
    System.out.printf("policy check, warm (best of 7):                                            %,.1f ms (%d denied)%n", bestPolicy / 1e6, denied);
    System.out.printf("ratio policy / plain gate (warm): %.1fx; goal %,d results <= 1000 ms: %s%n", (double) bestPolicy / bestGate, n,
        firstPolicy <= 1_000_000_000L ? "met (cold too)" : bestPolicy <= 1_000_000_000L ? "met warm" : "NOT met");
  }
}
