package io.drydock.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** DESIGN.md: arrows point one way, no package cycles, the core logs nothing. */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void load() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(location -> !location.contains("-tests.jar"))
        .importPackages("io.drydock");
  }

  @Test
  void noPackageCycles() {
    slices().matching("io.drydock.(**)").should().beFreeOfCycles().check(classes);
  }

  @Test
  void modelDependsOnNothingElseOfOurs() {
    noClasses().that().resideInAPackage("io.drydock.model..")
        .should().dependOnClassesThat().resideInAnyPackage("io.drydock.image..", "io.drydock.scan..", "io.drydock.refs..",
            "io.drydock.rollout..", "io.drydock.engine..", "io.drydock.router..", "io.drydock.cli..")
        .check(classes);
  }

  @Test
  void stagesDoNotReachIntoTheCliOrAdapters() {
    noClasses().that().resideInAnyPackage("io.drydock.image..", "io.drydock.scan..", "io.drydock.rollout..")
        .should().dependOnClassesThat().resideInAnyPackage("io.drydock.cli..", "io.drydock.engine..", "io.drydock.router..")
        .check(classes);
  }

  @Test
  void theCoreDoesNotPrint() {
    noClasses().that().resideOutsideOfPackage("io.drydock.cli..")
        .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
        .check(classes);
  }

  /**
   * Decisions are pure (DESIGN.md, style 3): the layer applier, the matcher, the version schemes and the policy take
   * data and return data. No files, sockets, processes, threads or clock reads; the caller passes "now".
   */
  @Test
  void decisionPackagesArePure() {
    noClasses().that().resideInAnyPackage("io.drydock.scan.layer", "io.drydock.scan.match", "io.drydock.scan.version",
            "io.drydock.policy..")
        .should().dependOnClassesThat(IMPURE)
        .orShould().callMethod(System.class, "currentTimeMillis")
        .orShould().callMethod(System.class, "nanoTime")
        .orShould().callMethod(java.time.Instant.class, "now")
        .orShould().callMethod(java.time.Clock.class, "systemUTC")
        .orShould().callMethod(java.time.Clock.class, "systemDefaultZone")
        .orShould().callMethod(java.time.LocalDate.class, "now")
        .check(classes);
  }

  private static final DescribedPredicate<JavaClass> IMPURE = DescribedPredicate.describe(
      "do I/O, start threads or processes",
      c -> c.getPackageName().startsWith("java.nio.file") || c.getPackageName().startsWith("java.net")
          || c.getPackageName().startsWith("java.nio.channels") || c.getPackageName().startsWith("java.util.concurrent")
          || Set.of("java.io.File", "java.io.FileInputStream", "java.io.FileOutputStream", "java.io.RandomAccessFile",
              "java.lang.ProcessBuilder", "java.lang.Process", "java.lang.Thread", "java.lang.Runtime").contains(c.getName()));

  /** The core emits events (DESIGN.md, style 8); only the CLI may talk to a logging framework. */
  @Test
  void noLoggerOutsideTheCli() {
    noClasses().that().resideOutsideOfPackage("io.drydock.cli..")
        .should().dependOnClassesThat().resideInAnyPackage("org.slf4j..", "java.util.logging..", "org.apache.logging..",
            "org.apache.commons.logging..", "ch.qos.logback..")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.System$Logger")
        .check(classes);
  }

  /** Every main package says its types are non-null unless marked ({@code @NullMarked} package-info). */
  @Test
  void everyPackageIsNullMarked() {
    Set<String> packages = new TreeSet<>();
    for (JavaClass c : classes) {
      packages.add(c.getPackageName());
    }
    List<String> missing = new ArrayList<>();
    for (String p : packages) {
      try {
        if (!Class.forName(p + ".package-info").isAnnotationPresent(NullMarked.class)) {
          missing.add(p);
        }
      } catch (ClassNotFoundException e) {
        missing.add(p);
      }
    }
    assertThat(packages).contains("io.drydock.scan", "io.drydock.policy", "io.drydock.cli");
    assertThat(missing).as("packages without a @NullMarked package-info").isEmpty();
  }
}
