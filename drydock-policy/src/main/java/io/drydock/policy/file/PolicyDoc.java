package io.drydock.policy.file;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The policy file as written: Jackson binds YAML to these records strictly (unknown keys fail), then
 * {@link PolicyCompiler} checks the values and builds the {@link io.drydock.policy.rules.RuleSet}. The JSON
 * Schema {@code docs/schemas/drydock-policy-v1.schema.json} describes the same shape.
 */
record PolicyDoc(
    @Nullable String schema,
    @Nullable TiersDoc tiers,
    @Nullable ExceptionsDoc exceptions,
    @Nullable OverridesDoc overrides,
    @Nullable List<RuleDoc> rules) {

  record TiersDoc(@Nullable List<String> names, @JsonProperty("default") @Nullable String defaultTier,
      @Nullable List<MatchDoc> match) {}

  record MatchDoc(@Nullable String tier, @Nullable List<String> services, @Nullable List<String> paths,
      @Nullable Map<String, String> labels) {}

  record ExceptionsDoc(@Nullable Integer maxDays, @Nullable List<ExceptionDoc> entries) {}

  record ExceptionDoc(@Nullable String id, @Nullable String owner, @Nullable String vulnerability,
      @Nullable List<String> packages, @Nullable List<String> images, @Nullable List<String> services,
      @Nullable String status, @Nullable String justification, @Nullable String impactStatement,
      @Nullable String created, @Nullable String expires) {}

  record OverridesDoc(@Nullable Boolean allowed, @Nullable List<String> tiers, @Nullable List<String> never) {}

  record RuleDoc(
      @Nullable String id,
      @Nullable String action,
      @Nullable List<String> tiers,
      @Nullable Boolean ignoreUnfixed,
      @Nullable String message,
      @Nullable SlaDoc sla,
      @Nullable List<String> registries,
      @Nullable Boolean digest,
      @Nullable List<String> mutableTags,
      @Nullable SignatureDoc signature,
      @Nullable Boolean nonRoot,
      @Nullable Boolean noShell,
      @Nullable Boolean noPackageManager,
      @Nullable String maxAge,
      @Nullable List<String> baseImages,
      @Nullable Map<String, Integer> maxFindings,
      @Nullable String cel,
      @Nullable ApprovalDoc approval,
      @Nullable WindowDoc window) {}

  record SlaDoc(@Nullable Map<String, Map<String, Integer>> days, @Nullable Integer warnWithin) {}

  record SignatureDoc(@Nullable List<String> registries, @Nullable List<String> keys, @Nullable List<IdentityDoc> identities) {}

  record IdentityDoc(@Nullable String subject, @Nullable String issuer) {}

  record ApprovalDoc(@Nullable Integer approvers, @Nullable List<String> changes) {}

  record WindowDoc(@Nullable String timeZone, @Nullable List<OpenDoc> open, @Nullable List<FreezeDoc> freezes) {}

  record OpenDoc(@Nullable String days, @Nullable String hours) {}

  record FreezeDoc(@Nullable String from, @Nullable String to, @Nullable String reason) {}
}
