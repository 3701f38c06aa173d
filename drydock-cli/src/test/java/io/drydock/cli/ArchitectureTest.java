package io.drydock.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
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
            "io.drydock.rollout..", "io.drydock.engine..", "io.drydock.router..", "io.drydock.cli..", "io.drydock.store..")
        .check(classes);
  }

  @Test
  void theStoreDependsOnTheModelOnly() {
    noClasses().that().resideInAPackage("io.drydock.store..")
        .should().dependOnClassesThat().resideInAnyPackage("io.drydock.image..", "io.drydock.scan..", "io.drydock.refs..",
            "io.drydock.policy..", "io.drydock.rollout..", "io.drydock.engine..", "io.drydock.router..", "io.drydock.cli..")
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
}
