package io.drydock.scan.report;

import io.drydock.model.Digest;
import io.drydock.model.Finding;
import io.drydock.model.ImageConfig;
import io.drydock.model.ImageMetadata;
import io.drydock.model.ImageRef;
import io.drydock.model.LayerInfo;
import io.drydock.model.OsInfo;
import io.drydock.model.Package;
import io.drydock.model.PackageType;
import io.drydock.model.Sbom;
import io.drydock.model.ScanReport;
import io.drydock.model.Severity;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/** A small scan report of the Alpine fixture image with a jar and an npm package added, real advisory ids. */
final class ReportFixture {
  static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final Digest MANIFEST = Digest.parse("sha256:4d6295e60169ca90e6054a05e77399a9efb8051b5caf97a4b19325f054e0a54e");
  static final Digest LAYER = Digest.parse("sha256:" + "a".repeat(64));

  static final Package LIBSSL = new Package(PackageType.APK, "libssl3", "3.3.2-r0", "openssl", null, "x86_64",
      "pkg:apk/alpine/libssl3@3.3.2-r0?arch=x86_64&distro=3.20.3&upstream=openssl", "lib/apk/db/installed", LAYER, List.of("Apache-2.0"));
  static final Package BUSYBOX = new Package(PackageType.APK, "busybox", "1.36.1-r29", null, null, "x86_64",
      "pkg:apk/alpine/busybox@1.36.1-r29?arch=x86_64&distro=3.20.3", "lib/apk/db/installed", LAYER, List.of("GPL-2.0-only"));
  static final Package JACKSON = new Package(PackageType.MAVEN, "com.fasterxml.jackson.core:jackson-databind", "2.9.10.1", null, null,
      null, "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.9.10.1", "app/lib/app.jar!/BOOT-INF/lib/jackson-databind-2.9.10.1.jar",
      LAYER, List.of());
  static final Package LODASH = new Package(PackageType.NPM, "lodash", "4.17.15", null, null, null, "pkg:npm/lodash@4.17.15",
      "app/node_modules/lodash/package.json", LAYER, List.of("MIT"));

  static final Finding OPENSSL_CVE = new Finding(LIBSSL, "Alpine:v3.20", "CVE-2024-9143", List.of("ALPINE-CVE-2024-9143"),
      List.of("ALPINE-CVE-2024-9143"), Severity.MEDIUM, new Finding.Cvss("3.1", "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:N/A:L", 4.8),
      Finding.Status.FIXED, List.of("3.3.2-r1"), "Low-level invalid GF(2^m) parameters lead to OOB memory access", "alpine-secdb");
  static final Finding BUSYBOX_CVE = new Finding(BUSYBOX, "Alpine:v3.20", "CVE-2023-42363", List.of(), List.of("ALPINE-CVE-2023-42363"),
      Severity.UNKNOWN, null, Finding.Status.AFFECTED, List.of(), null, "alpine-secdb");
  static final Finding JACKSON_GHSA = new Finding(JACKSON, "Maven", "CVE-2020-8840", List.of("GHSA-4w82-r329-3q67"),
      List.of("GHSA-4w82-r329-3q67"), Severity.CRITICAL, new Finding.Cvss("3.1", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8),
      Finding.Status.FIXED, List.of("2.9.10.3"), "Deserialization of Untrusted Data in jackson-databind", "osv");
  static final Finding LODASH_VEXED = new Finding(LODASH, "npm", "CVE-2020-8203", List.of("GHSA-p6mc-m468-83gw"),
      List.of("GHSA-p6mc-m468-83gw"), Severity.HIGH, new Finding.Cvss("3.1", "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:H", 7.4),
      Finding.Status.FIXED, List.of("4.17.19"), "Prototype Pollution in lodash", "osv");
  static final Finding JACKSON_IGNORED = new Finding(JACKSON, "Maven", "CVE-2019-20330", List.of("GHSA-gww7-p5w4-wrfv"),
      List.of("GHSA-gww7-p5w4-wrfv"), Severity.CRITICAL, new Finding.Cvss("3.1", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8),
      Finding.Status.FIXED, List.of("2.9.10.2"), "Deserialization of Untrusted Data in jackson-databind", "osv");

  static ScanReport report() {
    ImageMetadata image = new ImageMetadata("127.0.0.1:5000/fixtures/alpine:3.20.3", ImageRef.parse("127.0.0.1:5000/fixtures/alpine:3.20.3"),
        null, MANIFEST, null, null, List.of(new LayerInfo(LAYER, LAYER, 3_600_000, "application/vnd.oci.image.layer.v1.tar+gzip", null)),
        ImageConfig.empty(), List.of());
    Sbom sbom = new Sbom(image, new OsInfo("alpine", "3.20.3", "Alpine Linux v3.20"), List.of(LIBSSL, BUSYBOX, JACKSON, LODASH), List.of());
    return new ScanReport(sbom, List.of(OPENSSL_CVE, BUSYBOX_CVE, JACKSON_GHSA),
        List.of(
            new ScanReport.Suppressed(LODASH_VEXED, "vex.openvex.json", "vex", "vulnerable_code_not_in_execute_path", null, null),
            new ScanReport.Suppressed(JACKSON_IGNORED, ".trivyignore:3", "ignorefile", "no polymorphic typing in use", "team-a",
                LocalDate.parse("2027-01-31"))),
        List.of(new ScanReport.ExpiredRule("CVE-2021-3711", ".trivyignore:7", LocalDate.parse("2026-10-01"), "team-b")),
        new ScanReport.DbInfo(1, Instant.parse("2026-11-21T04:00:00Z"), 612_345), NOW);
  }

  /** A report without findings, suppressions, OS, digest or DB. */
  static ScanReport empty() {
    ImageMetadata image = new ImageMetadata("dir:/tmp/rootfs", null, null, null, null, null, List.of(), ImageConfig.empty(), List.of());
    return new ScanReport(new Sbom(image, null, List.of(), List.of()), List.of(), List.of(), List.of(), null, NOW);
  }

  private ReportFixture() {}
}
