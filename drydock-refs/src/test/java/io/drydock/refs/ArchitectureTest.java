package io.drydock.refs;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.drydock.refs");

  @Test
  void noPackageCycles() {
    slices().matching("io.drydock.refs.(*)..").should().beFreeOfCycles().check(CLASSES);
  }

  @Test
  void pureParts() {
    noClasses().that().resideInAnyPackage("io.drydock.refs.versioning..", "io.drydock.refs.lint..")
        .should().dependOnClassesThat().resideInAnyPackage("java.net.http..", "io.drydock.image..")
        .orShould().dependOnClassesThat().belongToAnyOf(java.nio.file.Files.class, java.net.Socket.class)
        .check(CLASSES);
    noClasses().that().resideInAnyPackage("io.drydock.refs..").should().accessClassesThat()
        .belongToAnyOf(System.class).check(CLASSES);
  }
}
