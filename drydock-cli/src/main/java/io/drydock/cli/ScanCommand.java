package io.drydock.cli;

import io.drydock.cli.support.Console;
import io.drydock.cli.support.ImageOptionsMixin;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drydock.model.DrydockException;
import io.drydock.model.Sbom;
import io.drydock.model.ScanReport;
import io.drydock.model.Severity;
import io.drydock.policy.Policy;
import io.drydock.policy.filter.FindingFilter;
import io.drydock.policy.filter.IgnoreRule;
import io.drydock.policy.filter.VexStatement;
import io.drydock.scan.CriteriaFiles;
import io.drydock.scan.ScanService;
import io.drydock.scan.db.VulnDb;
import io.drydock.scan.report.ReportFormat;
import io.drydock.scan.report.ReportWriters;
import io.drydock.scan.sbom.JsonSbomWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code drydock scan IMAGE|SBOM}: the CI gate. */
@Command(
    name = "scan",
    header = "Find the known vulnerabilities of an image or an SBOM.",
    mixinStandardHelpOptions = true,
    description = {
      "Find the known vulnerabilities of an image's (or an SBOM's) packages in the",
      "vulnerability DB, filter them (severity, unfixed, ignore files, exceptions,",
      "VEX), and fail the build with --exit-code when any remain.",
      "",
      "TARGET is an image in any form 'drydock sbom' takes (registry reference,",
      "oci-archive:, oci:, docker-archive:, engine:, dir:, archive file) or an SBOM",
      "file: CycloneDX or SPDX JSON as drydock, Trivy or Syft write them, or",
      "drydock's own JSON. The SBOM format is detected from the content; sbom:FILE",
      "forces a file to be read as an SBOM.",
      "",
      "The DB is --db (default <cache-dir>/vulndb.sqlite), filled by 'drydock db",
      "update' or 'drydock db import'. A scan never downloads anything for the DB;",
      "--skip-db-update and --offline are accepted for Trivy compatibility.",
      ""
    },
    footer = {"", "Examples:",
        "  drydock scan --severity HIGH,CRITICAL --ignore-unfixed --exit-code 1 \\",
        "      127.0.0.1:5000/fixtures/alpine:3.20.3",
        "  drydock scan --ignorefile exceptions.yaml --vex app.openvex.json \\",
        "      --format sarif -o scan.sarif sbom.cdx.json",
        "",
        "The ignore file, exception and VEX formats: docs/scan.md."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      " 0:No finding remains after the filters (or --exit-code is 0, the default).",
      " N:The value of --exit-code, when at least one finding remains.",
      " 2:Usage error.",
      " 3:Invalid input: malformed SBOM, ignore file, VEX document or image.",
      " 4:Image, SBOM or ignore file not found.",
      " 5:Registry authentication failed.",
      " 6:Registry or engine unreachable.",
      " 7:Vulnerability DB missing, unreadable, or older than --db-max-age."})
final class ScanCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "TARGET", description = "The image or SBOM file to scan.")
  String target;

  @Option(names = {"-s", "--severity"}, split = ",", paramLabel = "SEVERITY", converter = SeverityConverter.class,
      description = "Report only these severities (comma-separated: UNKNOWN,LOW,MEDIUM,HIGH,CRITICAL). Default: all.")
  List<Severity> severities = new ArrayList<>();

  @Option(names = "--ignore-unfixed", description = "Leave out vulnerabilities that have no fixed version.")
  boolean ignoreUnfixed;

  @Option(names = "--exit-code", paramLabel = "N", defaultValue = "0",
      description = "Exit code when findings remain after the filters (default: ${DEFAULT-VALUE}).")
  int exitCode;

  @Option(names = "--ignorefile", paramLabel = "FILE",
      description = "Ignore rules: .trivyignore, .trivyignore.yaml or drydock exceptions YAML (repeatable). "
          + "Default: ./.trivyignore when it exists.")
  List<Path> ignoreFiles = new ArrayList<>();

  @Option(names = "--vex", paramLabel = "FILE", description = "OpenVEX document; not_affected and fixed statements suppress (repeatable).")
  List<Path> vexFiles = new ArrayList<>();

  @Option(names = "--list-all-pkgs", description = "Add every package to the json output (field allPackages); the cyclonedx output always has them.")
  boolean listAllPkgs;

  @Option(names = "--skip-db-update", description = "Accepted for Trivy compatibility: a scan never updates the DB.")
  boolean skipDbUpdate;

  @Option(names = "--offline", description = "Accepted for Trivy compatibility: a scan never downloads advisories.")
  boolean offline;

  @Option(names = "--db", paramLabel = "FILE", description = "Vulnerability DB file (default: <cache-dir>/vulndb.sqlite).")
  @Nullable Path db;

  @Option(names = "--db-warn-age", paramLabel = "AGE", defaultValue = "2d", converter = AgeConverter.class,
      description = "Warn when the DB is older than AGE (e.g. 36h, 2d, P2D; default: ${DEFAULT-VALUE}).")
  Duration dbWarnAge;

  @Option(names = "--db-max-age", paramLabel = "AGE", converter = AgeConverter.class,
      description = "Fail with exit code 7 when the DB is older than AGE (default: no limit).")
  @Nullable Duration dbMaxAge;

  @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "table", converter = FormatConverter.class,
      description = "table, json (drydock.scan/v1), sarif (2.1.0), cyclonedx (1.6 with vulnerabilities) or openvex (v0.2.0). "
          + "Default: ${DEFAULT-VALUE}.")
  ReportFormat format;

  @Mixin OutputOption output;

  @Mixin ImageOptionsMixin imageOptions;

  @Override
  public Integer call() throws Exception {
    if (exitCode < 0 || exitCode > 255) {
      throw DrydockException.usage("--exit-code must be between 0 and 255, not " + exitCode);
    }
    Clock clock = Clock.systemUTC();
    ScanService service = imageOptions.lazyScanService(Console.of(spec), clock);
    try (VulnDb vulnDb = service.openDb(imageOptions.vulnDbFile(db), dbWarnAge, dbMaxAge)) {
      ScanService.Request request = new ScanService.Request(target, imageOptions::toImageOptions, criteria());
      ScanReport report = service.scan(vulnDb, request);
      ReportWriters writers = new ReportWriters(clock, Main.version());
      output.write(spec, out -> {
        if (format == ReportFormat.JSON && listAllPkgs) {
          withAllPackages(writers.toString(report, format), report.sbom(), clock, out);
        } else {
          writers.write(report, format, out);
        }
      });
      Policy.Context gate = new Policy.Context(exitCode);
      return gate.exitCodeOf(Policy.evaluate(report, gate));
    }
  }

  /** The json report with an {@code allPackages} array (the drydock.sbom/v1 package objects) for --list-all-pkgs. */
  private static void withAllPackages(String json, Sbom sbom, Clock clock, java.io.OutputStream out) throws java.io.IOException {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode doc = (ObjectNode) mapper.readTree(json);
    doc.set("allPackages", new JsonSbomWriter(clock, Main.version()).toJson(sbom).get("packages"));
    out.write(mapper.writeValueAsBytes(doc));
    out.write('\n');
  }

  private FindingFilter.Criteria criteria() {
    List<Path> files = new ArrayList<>(ignoreFiles);
    if (files.isEmpty() && Files.isRegularFile(Path.of(".trivyignore"))) {
      files.add(Path.of(".trivyignore"));
    }
    List<IgnoreRule> rules = new ArrayList<>();
    for (Path f : files) {
      rules.addAll(CriteriaFiles.ignoreRules(f));
    }
    List<VexStatement> vex = new ArrayList<>();
    for (Path f : vexFiles) {
      vex.addAll(CriteriaFiles.vex(f));
    }
    Set<Severity> keep = severities.isEmpty() ? Set.of() : EnumSet.copyOf(severities);
    return new FindingFilter.Criteria(keep, ignoreUnfixed, rules, vex);
  }

  /** table, json, sarif, cyclonedx, openvex. */
  static final class FormatConverter implements CommandLine.ITypeConverter<ReportFormat> {
    @Override
    public ReportFormat convert(String value) {
      try {
        return ReportFormat.parse(value);
      } catch (DrydockException e) {
        throw new CommandLine.TypeConversionException("unknown format '" + value + "' (table, json, sarif, cyclonedx, openvex)");
      }
    }
  }

  /** Severity names case-insensitively. */
  static final class SeverityConverter implements CommandLine.ITypeConverter<Severity> {
    @Override
    public Severity convert(String value) {
      try {
        return Severity.valueOf(value.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException("unknown severity '" + value + "' (UNKNOWN, LOW, MEDIUM, HIGH, CRITICAL)");
      }
    }
  }

  /** {@code 90m}, {@code 36h}, {@code 2d} or an ISO-8601 duration ({@code P2D}, {@code PT36H}). */
  static final class AgeConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      String v = value.strip().toLowerCase(Locale.ROOT);
      try {
        if (v.matches("[0-9]{1,6}[mhd]")) {
          long n = Long.parseLong(v.substring(0, v.length() - 1));
          return switch (v.charAt(v.length() - 1)) {
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
          };
        }
        Duration d = Duration.parse(value.strip().toUpperCase(Locale.ROOT));
        if (d.isNegative()) {
          throw new CommandLine.TypeConversionException("age must not be negative: " + value);
        }
        return d;
      } catch (DateTimeParseException e) {
        throw new CommandLine.TypeConversionException("'" + value + "' is not an age (e.g. 90m, 36h, 2d, P2D)");
      }
    }
  }
}
