package io.drydock.policy.file;

import io.drydock.model.Severity;
import io.drydock.policy.Glob;
import io.drydock.policy.Verdict;
import io.drydock.policy.approval.ApprovalRequirement;
import io.drydock.policy.cel.CelRule;
import io.drydock.policy.exception.ExceptionSet;
import io.drydock.policy.exception.PolicyExceptionRule;
import io.drydock.policy.exception.VexJustification;
import io.drydock.policy.exception.VexStatus;
import io.drydock.policy.file.PolicyDoc.RuleDoc;
import io.drydock.policy.rules.Rule;
import io.drydock.policy.rules.RuleSet;
import io.drydock.policy.rules.SignatureCheck;
import io.drydock.policy.rules.Tiers;
import io.drydock.policy.sla.SlaTable;
import io.drydock.policy.window.Freeze;
import io.drydock.policy.window.Schedule;
import io.drydock.policy.window.WeeklyWindow;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** Checks a bound {@link PolicyDoc} value by value and builds the {@link RuleSet}; errors carry file:line:col. */
final class PolicyCompiler {
  private final String name;
  private final String[] lines;
  private final Locations where;

  PolicyCompiler(String name, String text, Locations where) {
    this.name = name;
    this.lines = text.split("\n", -1);
    this.where = where;
  }

  RuleSet compile(PolicyDoc doc) {
    if (!PolicyFile.SCHEMA.equals(doc.schema())) {
      throw fail("/schema", null, "schema must be '" + PolicyFile.SCHEMA + "'" + (doc.schema() == null ? "" : ", not '" + doc.schema() + "'"));
    }
    Tiers tiers = tiers(doc.tiers());
    List<Rule> rules = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    List<RuleDoc> docs = list(doc.rules());
    for (int i = 0; i < docs.size(); i++) {
      String at = "/rules/" + i;
      RuleDoc r = docs.get(i);
      if (r.id() == null || !r.id().matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
        throw fail(at + "/id", "#" + (i + 1), "every rule needs an id of letters, digits, '.', '_' or '-'");
      }
      if (!ids.add(r.id())) {
        throw fail(at + "/id", r.id(), "duplicate rule id");
      }
      rules.add(rule(at, r, tiers));
    }
    return new RuleSet(name, tiers, rules, exceptions(doc.exceptions()), overrides(doc.overrides(), tiers, ids));
  }

  private Tiers tiers(PolicyDoc.@Nullable TiersDoc t) {
    if (t == null) {
      return Tiers.single();
    }
    List<String> names = list(t.names());
    if (names.isEmpty()) {
      throw fail("/tiers", null, "tiers.names must list the tiers (e.g. [tier-0, tier-1, tier-2, tier-3])");
    }
    String def = t.defaultTier() != null ? t.defaultTier() : names.get(names.size() - 1);
    List<Tiers.Match> matches = new ArrayList<>();
    List<PolicyDoc.MatchDoc> docs = list(t.match());
    for (int i = 0; i < docs.size(); i++) {
      PolicyDoc.MatchDoc m = docs.get(i);
      String at = "/tiers/match/" + i;
      if (m.tier() == null) {
        throw fail(at, null, "tiers.match entries need a tier");
      }
      matches.add(attempt(at, null, () -> new Tiers.Match(m.tier(), globs(m.services()), globs(m.paths()), map(m.labels()))));
    }
    return attempt("/tiers", null, () -> new Tiers(names, def, matches));
  }

  private Rule rule(String at, RuleDoc r, Tiers tiers) {
    String id = r.id();
    Verdict.Action action;
    String a = r.action() == null ? "deny" : r.action().toLowerCase(Locale.ROOT);
    if (a.equals("deny")) {
      action = Verdict.Action.DENY;
    } else if (a.equals("warn")) {
      action = Verdict.Action.WARN;
    } else {
      throw fail(at + "/action", id, "action must be deny or warn, not '" + r.action() + "'");
    }
    for (String t : list(r.tiers())) {
      if (!tiers.names().contains(t)) {
        throw fail(at + "/tiers", id, "unknown tier '" + t + "' (tiers: " + tiers.names() + ")");
      }
    }
    List<String> kinds = new ArrayList<>();
    Rule.Check check = null;
    if (r.sla() != null) {
      kinds.add("sla");
      check = sla(at + "/sla", id, r.sla(), tiers);
    }
    if (r.registries() != null) {
      kinds.add("registries");
      check = new Rule.Registries(globsAt(at + "/registries", id, r.registries()));
    }
    if (Boolean.TRUE.equals(r.digest())) {
      kinds.add("digest");
      check = new Rule.DigestRequired();
    }
    if (r.mutableTags() != null) {
      kinds.add("mutableTags");
      check = new Rule.MutableTags(globsAt(at + "/mutableTags", id, r.mutableTags().isEmpty() ? Rule.MutableTags.DEFAULT : r.mutableTags()));
    }
    if (r.signature() != null) {
      kinds.add("signature");
      var s = r.signature();
      List<SignatureCheck.Identity> ids = new ArrayList<>();
      for (PolicyDoc.IdentityDoc i : list(s.identities())) {
        if (i.subject() == null || i.issuer() == null) {
          throw fail(at + "/signature/identities", id, "a keyless identity needs subject and issuer");
        }
        ids.add(new SignatureCheck.Identity(i.subject(), i.issuer()));
      }
      if (list(s.keys()).isEmpty() && ids.isEmpty()) {
        throw fail(at + "/signature", id, "signature needs keys or identities to trust");
      }
      check = new Rule.Signature(globsAt(at + "/signature/registries", id, list(s.registries())), new SignatureCheck.Trust(list(s.keys()), ids));
    }
    if (Boolean.TRUE.equals(r.nonRoot())) {
      kinds.add("nonRoot");
      check = new Rule.NonRoot();
    }
    if (Boolean.TRUE.equals(r.noShell())) {
      kinds.add("noShell");
      check = new Rule.NoShell();
    }
    if (Boolean.TRUE.equals(r.noPackageManager())) {
      kinds.add("noPackageManager");
      check = new Rule.NoPackageManager();
    }
    if (r.maxAge() != null) {
      kinds.add("maxAge");
      check = new Rule.MaxAge(days(at + "/maxAge", id, r.maxAge()));
    }
    if (r.baseImages() != null) {
      kinds.add("baseImages");
      check = new Rule.BaseImages(globsAt(at + "/baseImages", id, r.baseImages()));
    }
    if (r.maxFindings() != null) {
      kinds.add("maxFindings");
      check = new Rule.MaxFindings(severities(at + "/maxFindings", id, r.maxFindings()));
    }
    if (r.cel() != null) {
      kinds.add("cel");
      check = new Rule.Custom(cel(at + "/cel", id, r.cel()));
    }
    if (r.approval() != null) {
      kinds.add("approval");
      var ap = r.approval();
      check = new Rule.Approvals(attempt(at + "/approval", id, () -> new ApprovalRequirement(ap.approvers() == null ? 1 : ap.approvers(),
          new LinkedHashSet<>(list(ap.changes()).isEmpty() ? List.of("rollout") : list(ap.changes())))));
    }
    if (r.window() != null) {
      kinds.add("window");
      check = new Rule.Window(window(at + "/window", id, r.window()));
    }
    if (kinds.size() != 1 || check == null) {
      throw fail(at, id, kinds.isEmpty() ? "a rule needs one check: sla, registries, digest, mutableTags, signature, nonRoot, "
          + "noShell, noPackageManager, maxAge, baseImages, maxFindings, cel, approval or window" : "a rule has one check, this one has " + kinds);
    }
    Rule.Check c = check;
    return attempt(at, id, () -> new Rule(id, action, new LinkedHashSet<>(list(r.tiers())), Boolean.TRUE.equals(r.ignoreUnfixed()), r.message(), c));
  }

  private Rule.Check sla(String at, String id, PolicyDoc.SlaDoc s, Tiers tiers) {
    Map<String, Map<Severity, Integer>> days = new java.util.LinkedHashMap<>();
    for (var e : map(s.days()).entrySet()) {
      if (!e.getKey().equals(SlaTable.DEFAULT_TIER) && !tiers.names().contains(e.getKey())) {
        throw fail(at + "/days/" + e.getKey(), id, "unknown tier '" + e.getKey() + "' (tiers: " + tiers.names() + ", or default)");
      }
      days.put(e.getKey(), severities(at + "/days/" + e.getKey(), id, e.getValue()));
    }
    if (days.isEmpty()) {
      throw fail(at, id, "sla.days needs at least one row (default: {critical: 7, high: 30})");
    }
    return new Rule.Sla(attempt(at, id, () -> new SlaTable(days, s.warnWithin() == null ? 3 : s.warnWithin())));
  }

  private Map<Severity, Integer> severities(String at, String id, Map<String, Integer> m) {
    Map<Severity, Integer> out = new EnumMap<>(Severity.class);
    for (var e : m.entrySet()) {
      Severity s = attempt(at + "/" + e.getKey(), id, () -> Severity.parse(e.getKey()));
      if (e.getValue() == null || e.getValue() < 0) {
        throw fail(at + "/" + e.getKey(), id, "must be a whole number, 0 or more");
      }
      out.put(s, e.getValue());
    }
    return out;
  }

  private Schedule window(String at, String id, PolicyDoc.WindowDoc w) {
    ZoneId zone = attempt(at + "/timeZone", id, () -> ZoneId.of(w.timeZone() == null ? "UTC" : w.timeZone()));
    List<WeeklyWindow> open = new ArrayList<>();
    List<PolicyDoc.OpenDoc> docs = list(w.open());
    for (int i = 0; i < docs.size(); i++) {
      PolicyDoc.OpenDoc o = docs.get(i);
      open.add(attempt(at + "/open/" + i, id, () -> WeeklyWindow.parse(o.days() == null ? "*" : o.days(), o.hours() == null ? "*" : o.hours())));
    }
    List<Freeze> freezes = new ArrayList<>();
    List<PolicyDoc.FreezeDoc> fd = list(w.freezes());
    for (int i = 0; i < fd.size(); i++) {
      PolicyDoc.FreezeDoc f = fd.get(i);
      String fat = at + "/freezes/" + i;
      if (f.from() == null || f.to() == null) {
        throw fail(fat, id, "a freeze needs from and to (2026-12-24T18:00)");
      }
      freezes.add(attempt(fat, id, () -> new Freeze(dateTime(f.from()), dateTime(f.to()), f.reason() == null ? "freeze" : f.reason())));
    }
    return new Schedule(zone, open, freezes);
  }

  private static LocalDateTime dateTime(String text) {
    return text.length() == 10 ? LocalDate.parse(text).atStartOfDay() : LocalDateTime.parse(text);
  }

  private CelRule cel(String at, String id, String expression) {
    try {
      return CelRule.compile(expression);
    } catch (CelRule.CompileError e) {
      Locations.Pos start = where.valueAt(at);
      String[] exprLines = expression.split("\n", -1);
      int line = start.line();
      int col = start.column() + e.column() - 1;
      // find where the expression's line e.line() sits in the file (plain, quoted or block scalar)
      int from = start.line() - 1;
      for (int i = from; i < lines.length && i < from + exprLines.length + 2; i++) {
        String first = exprLines[0].strip();
        int idx = first.isEmpty() ? -1 : lines[i].indexOf(first);
        if (idx >= 0) {
          int target = i + e.line() - 1;
          String wanted = exprLines[Math.min(e.line() - 1, exprLines.length - 1)];
          int base = target < lines.length ? lines[target].indexOf(wanted.strip()) : -1;
          int lead = wanted.length() - wanted.stripLeading().length();
          line = target + 1;
          col = (base >= 0 ? base - lead : idx) + e.column();
          break;
        }
      }
      throw new PolicyFileException(name, line, Math.max(1, col), id, "CEL: " + e.getMessage());
    }
  }

  private ExceptionSet exceptions(PolicyDoc.@Nullable ExceptionsDoc x) {
    if (x == null) {
      return ExceptionSet.none();
    }
    int max = x.maxDays() == null ? 90 : x.maxDays();
    List<PolicyExceptionRule> out = new ArrayList<>();
    List<PolicyDoc.ExceptionDoc> docs = list(x.entries());
    for (int i = 0; i < docs.size(); i++) {
      PolicyDoc.ExceptionDoc e = docs.get(i);
      String at = "/exceptions/entries/" + i;
      String eid = e.id() == null ? "#" + (i + 1) : e.id();
      if (e.expires() == null) {
        throw fail(at, "exception " + eid, "an exception needs an expiry date (expires: 2026-12-31)");
      }
      if (e.created() == null) {
        throw fail(at, "exception " + eid, "an exception needs the date it was granted (created: 2026-12-01)");
      }
      PolicyExceptionRule r = attempt(at, "exception " + eid, () -> new PolicyExceptionRule(eid, req(e.owner(), "owner"),
          req(e.vulnerability(), "vulnerability"), globs(e.packages()), globs(e.images()), globs(e.services()),
          VexStatus.parse(e.status() == null ? "not_affected" : e.status()),
          e.justification() == null ? null : VexJustification.parse(e.justification()), e.impactStatement(),
          LocalDate.parse(e.created()), LocalDate.parse(e.expires())));
      long days = ChronoUnit.DAYS.between(r.created(), r.expires());
      if (days > max) {
        throw fail(at + "/expires", "exception " + eid, "lasts " + days + " days; the policy allows at most " + max + " (exceptions.maxDays)");
      }
      out.add(r);
    }
    return attempt("/exceptions", null, () -> new ExceptionSet(out, max));
  }

  private RuleSet.Overrides overrides(PolicyDoc.@Nullable OverridesDoc o, Tiers tiers, Set<String> ids) {
    if (o == null) {
      return RuleSet.Overrides.forbidden();
    }
    for (String t : list(o.tiers())) {
      if (!tiers.names().contains(t)) {
        throw fail("/overrides/tiers", null, "unknown tier '" + t + "'");
      }
    }
    for (String r : list(o.never())) {
      if (!ids.contains(r)) {
        throw fail("/overrides/never", null, "unknown rule '" + r + "'");
      }
    }
    return new RuleSet.Overrides(Boolean.TRUE.equals(o.allowed()), new HashSet<>(list(o.tiers())), new HashSet<>(list(o.never())));
  }

  private Duration days(String at, String id, String text) {
    var m = java.util.regex.Pattern.compile("(\\d+)([dhw])").matcher(text.trim());
    if (!m.matches()) {
      throw fail(at, id, "'" + text + "' is not an age such as 30d, 12h or 4w");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "h" -> Duration.ofHours(n);
      case "w" -> Duration.ofDays(7 * n);
      default -> Duration.ofDays(n);
    };
  }

  private List<Glob> globsAt(String at, String id, List<String> globs) {
    return attempt(at, id, () -> globs(globs));
  }

  private static List<Glob> globs(@Nullable List<String> globs) {
    return list(globs).stream().map(Glob::of).toList();
  }

  private static String req(@Nullable String v, String key) {
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException(key + " is required");
    }
    return v;
  }

  private static <T> List<T> list(@Nullable List<T> l) {
    return l == null ? List.of() : l;
  }

  private static <K, V> Map<K, V> map(@Nullable Map<K, V> m) {
    return m == null ? Map.of() : m;
  }

  private <T> T attempt(String at, @Nullable String rule, Supplier<T> s) {
    try {
      return s.get();
    } catch (IllegalArgumentException | java.time.DateTimeException e) {
      throw fail(at, rule, String.valueOf(e.getMessage()));
    }
  }

  private PolicyFileException fail(String pointer, @Nullable String rule, String message) {
    Locations.Pos p = where.at(pointer);
    return new PolicyFileException(name, p.line(), p.column(), rule, message);
  }
}
