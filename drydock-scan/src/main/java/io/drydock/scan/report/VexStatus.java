package io.drydock.scan.report;

import io.drydock.model.Finding;
import io.drydock.model.ScanReport;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What a finding says in VEX terms (pure). A finding still in the report is {@code affected}. A finding suppressed
 * by a VEX statement ({@code kind = "vex"}) is {@code fixed} when its statement says so, else {@code not_affected}
 * with the OpenVEX justification named in the statement (or the statement as impact text). A finding suppressed
 * by an ignore file or exception stays {@code affected}: an ignore rule accepts a risk, it does not show that the
 * product is unaffected; the action statement says who accepted it and until when.
 *
 * @param status {@code affected}, {@code fixed} or {@code not_affected}
 * @param justification one of the five OpenVEX justifications, for {@code not_affected}
 * @param impact free text for {@code not_affected} without a justification
 * @param action what to do, for {@code affected}
 */
record VexStatus(String status, @Nullable String justification, @Nullable String impact, @Nullable String action) {

  static final List<String> JUSTIFICATIONS =
      List.of(
          "component_not_present",
          "vulnerable_code_not_present",
          "vulnerable_code_not_in_execute_path",
          "vulnerable_code_cannot_be_controlled_by_adversary",
          "inline_mitigations_already_exist");

  static VexStatus of(Finding f) {
    return new VexStatus("affected", null, null, action(f));
  }

  static VexStatus of(ScanReport.Suppressed s) {
    String statement = s.statement() == null ? "" : s.statement().strip();
    String lower = statement.toLowerCase(Locale.ROOT);
    if (s.kind().equals("vex")) {
      if (lower.matches("(status:\\s*)?fixed\\b.*")) {
        return new VexStatus("fixed", null, null, null);
      }
      for (String j : JUSTIFICATIONS) {
        if (lower.contains(j)) {
          return new VexStatus("not_affected", j, null, null);
        }
      }
      return new VexStatus(
          "not_affected", null, statement.isEmpty() ? "not affected according to VEX " + s.source() : statement, null);
    }
    String action = "Risk accepted by " + s.kind() + " " + s.source()
        + (s.owner() == null ? "" : " (owner " + s.owner() + ")")
        + (s.expires() == null ? "" : " until " + s.expires())
        + (statement.isEmpty() ? "" : ": " + statement);
    return new VexStatus("affected", null, null, action);
  }

  private static String action(Finding f) {
    return switch (f.status()) {
      case FIXED -> "Update " + f.pkg().name() + " to " + String.join(" or ", f.fixedVersions()) + " or later";
      case WILL_NOT_FIX -> "The distribution will not fix this vulnerability; mitigate or replace " + f.pkg().name();
      case FIX_DEFERRED -> "The distribution has deferred a fix; mitigate until it ships";
      case END_OF_LIFE -> "The package or release is end of life; move to a supported release";
      case AFFECTED, UNKNOWN -> f.isFixable()
          ? "Update " + f.pkg().name() + " to " + String.join(" or ", f.fixedVersions()) + " or later"
          : "No fix is available yet; mitigate or wait for a fixed version";
    };
  }
}
