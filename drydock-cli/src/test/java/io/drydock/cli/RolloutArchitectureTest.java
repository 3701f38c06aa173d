package io.drydock.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.drydock.rollout.spi.ContainerEngine;
import io.drydock.rollout.spi.TrafficRouter;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DESIGN.md's "decide in pure code": the rollout planner ({@code rollout.plan}) and the analysis assessor
 * ({@code rollout.analysis}) take data and return data. No I/O, no clock, no threads, no engine or router handle.
 * (Kept beside {@link ArchitectureTest} rather than in it, so that the scan/policy rules landing there in parallel
 * do not conflict.)
 */
class RolloutArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void load() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(location -> !location.contains("-tests.jar"))
        .importPackages("io.drydock.rollout");
  }

  static ArchRule pure(String pkg) {
    return noClasses().that().resideInAPackage(pkg)
        .should().dependOnClassesThat().resideInAnyPackage("java.io..", "java.nio..", "java.net..", "java.util.concurrent..",
            "java.lang.reflect..", "java.sql..", "io.drydock.rollout.control..", "io.drydock.rollout.service..")
        .orShould().dependOnClassesThat().belongToAnyOf(Thread.class, ProcessBuilder.class, Process.class, Clock.class,
            ContainerEngine.class, TrafficRouter.class)
        .orShould().callMethod(System.class, "currentTimeMillis")
        .orShould().callMethod(System.class, "nanoTime")
        .orShould().callMethod(System.class, "getenv", String.class)
        .orShould().callMethod(Instant.class, "now")
        .orShould().callMethod(LocalDateTime.class, "now")
        .orShould().callMethod(ZonedDateTime.class, "now")
        .because("planners and assessors decide; only adapters and the controller touch sockets, files, processes or the clock");
  }

  @ParameterizedTest
  @ValueSource(strings = {"io.drydock.rollout.plan..", "io.drydock.rollout.analysis.."})
  void decisionsArePure(String pkg) {
    pure(pkg).check(classes);
  }

  @Test
  void thePurityRuleCanFail() {
    // a test that cannot fail is a defect: the same rule rejects the controller, which sleeps, locks files and probes sockets
    org.assertj.core.api.Assertions.assertThat(pure("io.drydock.rollout.control..").evaluate(classes).hasViolation()).isTrue();
  }
}
