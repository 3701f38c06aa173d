package io.drydock.policy.rules;

import io.drydock.model.Finding;
import io.drydock.model.Severity;
import io.drydock.policy.Glob;
import io.drydock.policy.Verdict;
import io.drydock.policy.exception.ExceptionSet;
import io.drydock.policy.exception.PolicyExceptionRule;
import io.drydock.policy.rules.Evaluation.Outcome;
import io.drydock.policy.rules.Evaluation.RuleResult;
import io.drydock.policy.sla.SlaStatus;
import io.drydock.policy.window.WindowState;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Evaluates a {@link RuleSet} on one image: exceptions first (expired ones are reported and stop
 * suppressing), then every rule in file order, then {@code --override}. Pure: the clock is {@code ctx.now()},
 * signatures come from the {@link SignatureCheck} given.
 */
public final class Evaluator {
  private final RuleSet policy;
  private final SignatureCheck signatures;

  public Evaluator(RuleSet policy, SignatureCheck signatures) {
    this.policy = policy;
    this.signatures = signatures;
  }

  public Evaluation evaluate(ImageFacts image, ServiceFacts service, Evaluation.Context ctx) {
    Tiers.Resolved tier = policy.tiers().resolve(service, image.config().labels());
    List<Finding> all = image.findings().stream().map(ImageFacts.FindingFacts::finding).toList();
    ExceptionSet.Applied applied = policy.exceptions().apply(all, image.name(), service.name(),
        ctx.now().atZone(ZoneOffset.UTC).toLocalDate());
    java.util.Set<Finding> kept = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    kept.addAll(applied.kept());
    List<ImageFacts.FindingFacts> live = image.findings().stream().filter(f -> kept.contains(f.finding())).toList();

    List<RuleResult> results = new ArrayList<>();
    List<Evaluation.SlaLine> sla = new ArrayList<>();
    Supplier<Map<String, Object>> celInput = memo(() -> CelInput.of(image, live, service, tier.tier()));
    for (Rule rule : policy.rules()) {
      if (!rule.tiers().isEmpty() && !rule.tiers().contains(tier.tier())) {
        results.add(new RuleResult(rule.id(), rule.check().kind(), Outcome.SKIP, List.of("not for " + tier.tier())));
        continue;
      }
      List<ImageFacts.FindingFacts> seen = rule.ignoreUnfixed() ? live.stream().filter(f -> f.finding().isFixable()).toList() : live;
      results.add(run(rule, image, service, ctx, tier.tier(), seen, sla, celInput));
    }
    for (PolicyExceptionRule r : applied.expired()) {
      results.add(new RuleResult("exception." + r.id(), "exception", Outcome.WARN,
          List.of("EXPIRED on " + r.expires() + " (owner " + r.owner() + "): " + r.vulnerability() + " no longer suppressed")));
    }
    applyOverride(results, tier.tier(), ctx);
    List<Verdict.Reason> reasons = new ArrayList<>();
    for (RuleResult r : results) {
      if (r.outcome() == Outcome.DENY || r.outcome() == Outcome.WARN) {
        Verdict.Action a = r.outcome() == Outcome.DENY ? Verdict.Action.DENY : Verdict.Action.WARN;
        r.reasons().forEach(m -> reasons.add(new Verdict.Reason(r.rule(), a, m)));
      }
    }
    return new Evaluation(image.name(), tier, new Verdict(reasons), results, applied, sla);
  }

  private void applyOverride(List<RuleResult> results, String tier, Evaluation.Context ctx) {
    String reason = ctx.overrideReason();
    if (reason == null) {
      return;
    }
    RuleSet.Overrides o = policy.overrides();
    if (!o.allowed() || !o.tiers().isEmpty() && !o.tiers().contains(tier)) {
      results.add(new RuleResult("override", "override", Outcome.DENY,
          List.of("--override is forbidden by policy" + (o.allowed() ? " for " + tier : ""))));
      return;
    }
    for (int i = 0; i < results.size(); i++) {
      RuleResult r = results.get(i);
      if (r.outcome() == Outcome.DENY && !o.rules().contains(r.rule())) {
        List<String> msgs = r.reasons().stream().map(m -> m + " (overridden: " + reason + ")").toList();
        results.set(i, new RuleResult(r.rule(), r.kind(), Outcome.WARN, msgs));
      }
    }
    results.add(new RuleResult("override", "override", Outcome.WARN, List.of("override recorded: " + reason)));
  }

  private RuleResult run(Rule rule, ImageFacts image, ServiceFacts service, Evaluation.Context ctx, String tier,
      List<ImageFacts.FindingFacts> findings, List<Evaluation.SlaLine> sla, Supplier<Map<String, Object>> celInput) {
    List<String> bad = new ArrayList<>();
    List<String> soon = new ArrayList<>();
    Rule.Check c = rule.check();
    String skip = null;
    if (c instanceof Rule.Sla s) {
      for (ImageFacts.FindingFacts f : findings) {
        SlaStatus st = f.fixAvailable() == null && f.finding().isFixable()
            ? new SlaStatus.NotApplicable("fixed in " + f.finding().fixedVersions().get(0) + ", but the DB has no date for the fix")
            : s.table().assess(tier, f.finding().severity(), f.fixAvailable(), ctx.now());
        sla.add(new Evaluation.SlaLine(rule.id(), f.finding(), st));
        if (st instanceof SlaStatus.Overdue || st instanceof SlaStatus.DueSoon) {
          String line = f.finding().id() + " " + f.finding().severity() + " in " + f.finding().pkg().name() + " "
              + f.finding().pkg().version() + ": " + st.describe();
          (st instanceof SlaStatus.Overdue ? bad : soon).add(line);
        }
      }
    } else if (c instanceof Rule.Registries r) {
      if (image.ref() == null) {
        skip = "no registry reference";
      } else if (!Glob.any(r.allowed(), repo(image)) && !Glob.any(r.allowed(), image.ref().registry())) {
        bad.add(repo(image) + " is not in an allowed registry " + r.allowed());
      }
    } else if (c instanceof Rule.DigestRequired) {
      if (image.ref() == null) {
        skip = "no registry reference";
      } else if (image.ref().digest() == null) {
        bad.add(image.name() + " is not pinned to a digest (use NAME@sha256:…, e.g. drydock pin)");
      }
    } else if (c instanceof Rule.MutableTags m) {
      if (image.ref() != null && image.ref().tag() != null && Glob.any(m.tags(), image.ref().tag())) {
        bad.add("tag '" + image.ref().tag() + "' is mutable " + m.tags());
      }
    } else if (c instanceof Rule.Signature s) {
      if (image.ref() == null) {
        skip = "no registry reference";
      } else if (!s.registries().isEmpty() && !Glob.any(s.registries(), repo(image))) {
        skip = repo(image) + " is not under " + s.registries();
      } else if (image.digest() == null && image.ref().digest() == null) {
        bad.add("no digest to verify a signature of");
      } else {
        var d = image.ref().digest() != null ? image.ref().digest() : image.digest();
        SignatureCheck.Result res = signatures.verify(image.ref(), d, s.trust());
        if (res instanceof SignatureCheck.Failed f) {
          bad.add("unsigned or unverified: " + f.reason());
        } else if (((SignatureCheck.Verified) res).identities().isEmpty()) {
          bad.add("unsigned or unverified: the check verified no identity");
        }
      }
    } else if (c instanceof Rule.NonRoot) {
      if (image.config().runsAsRoot()) {
        String u = image.config().user();
        bad.add("runs as root (USER " + (u == null || u.isBlank() ? "not set" : u) + ")");
      }
    } else if (c instanceof Rule.NoShell) {
      packagesIn(image, Rule.NoShell.PACKAGES).forEach(p -> bad.add("shell in the final image: " + p));
    } else if (c instanceof Rule.NoPackageManager) {
      packagesIn(image, Rule.NoPackageManager.PACKAGES).forEach(p -> bad.add("package manager in the final image: " + p));
    } else if (c instanceof Rule.MaxAge a) {
      if (image.created() == null) {
        bad.add("image has no creation time");
      } else {
        Duration age = Duration.between(image.created(), ctx.now());
        if (age.compareTo(a.max()) > 0) {
          bad.add("image is " + age.toDays() + " days old (max " + a.max().toDays() + ")");
        }
      }
    } else if (c instanceof Rule.BaseImages b) {
      String base = image.baseImage() != null ? image.baseImage() : image.config().labels().get(Rule.BaseImages.LABEL);
      if (base == null) {
        bad.add("image does not declare its base image (label " + Rule.BaseImages.LABEL + ")");
      } else if (!Glob.any(b.allowed(), base)) {
        bad.add("base image " + base + " is not allowed " + b.allowed());
      }
    } else if (c instanceof Rule.MaxFindings m) {
      Map<Severity, Integer> count = new EnumMap<>(Severity.class);
      findings.forEach(f -> count.merge(f.finding().severity(), 1, Integer::sum));
      Severity[] order = Severity.values();
      for (int i = order.length - 1; i >= 0; i--) {
        Severity s = order[i];
        Integer max = m.max().get(s);
        int n = count.getOrDefault(s, 0);
        if (max != null && n > max) {
          bad.add(n + " " + s + " finding(s), at most " + max + " allowed" + (rule.ignoreUnfixed() ? " (fixable only)" : ""));
        }
      }
    } else if (c instanceof Rule.Custom x) {
      try {
        if (x.expression().matches(celInput.get())) {
          bad.add(rule.message() != null ? rule.message() : "matched: " + x.expression().expression());
        }
      } catch (IllegalStateException e) {
        bad.add("CEL evaluation failed (the rule fails closed): " + e.getMessage());
      }
    } else if (c instanceof Rule.Approvals a) {
      String kind = ctx.overrideReason() != null && a.requirement().changes().contains("override") ? "override" : ctx.change();
      if (ctx.change().equals("rollout") || kind.equals("override")) {
        String subject = ctx.subject() != null ? ctx.subject() : service.name() != null ? service.name() : image.name();
        var d = image.ref() != null && image.ref().digest() != null ? image.ref().digest() : image.digest();
        String missing = a.requirement().missing(kind, ctx.approvals(), subject, d);
        if (missing != null) {
          bad.add(missing);
        }
      } else {
        skip = "applies to rollouts";
      }
    } else if (c instanceof Rule.Window w) {
      if (!ctx.change().equals("rollout")) {
        skip = "applies to rollouts";
      } else if (w.schedule().at(ctx.now()) instanceof WindowState.Closed closed) {
        bad.add("deployment window closed: " + closed.why() + "; next opening " + w.schedule().local(closed.nextOpening()));
      }
    }
    if (skip != null) {
      return new RuleResult(rule.id(), c.kind(), Outcome.SKIP, List.of(skip));
    }
    if (!bad.isEmpty()) {
      Outcome o = rule.action() == Verdict.Action.DENY ? Outcome.DENY : Outcome.WARN;
      List<String> msgs = new ArrayList<>(bad);
      msgs.addAll(soon);
      return new RuleResult(rule.id(), c.kind(), o, msgs);
    }
    return new RuleResult(rule.id(), c.kind(), soon.isEmpty() ? Outcome.PASS : Outcome.WARN, soon);
  }

  private static String repo(ImageFacts image) {
    return image.ref().registry() + "/" + image.ref().repository();
  }

  private static List<String> packagesIn(ImageFacts image, java.util.Set<String> names) {
    return image.packages().stream().filter(p -> names.contains(p.name())).map(p -> p.name() + " " + p.version()).distinct().toList();
  }

  private static <T> Supplier<T> memo(Supplier<T> s) {
    return new Supplier<>() {
      private T value;

      @Override
      public T get() {
        if (value == null) {
          value = s.get();
        }
        return value;
      }
    };
  }
}
