package io.drydock.scan.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drydock.model.DrydockException;
import io.drydock.model.ScanReport;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ReportWritersTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final ReportWriters writers = new ReportWriters(ReportFixture.CLOCK, "1.2.3");

  @ParameterizedTest
  @CsvSource({"table,TABLE", "JSON,JSON", " sarif ,SARIF", "CycloneDX,CYCLONEDX", "openvex,OPENVEX"})
  void parsesFormatNames(String text, ReportFormat expected) {
    assertThat(ReportFormat.parse(text)).isEqualTo(expected);
    assertThat(ReportFormat.parse(expected.id())).isEqualTo(expected);
  }

  @Test
  void unknownFormatIsAUsageErrorNamingTheChoices() {
    assertThatThrownBy(() -> ReportFormat.parse("xml"))
        .isInstanceOf(DrydockException.class)
        .hasMessage("Tried to choose the report format 'xml' but failed because: it is none of table, json, sarif, cyclonedx, openvex");
  }

  @ParameterizedTest
  @EnumSource(ReportFormat.class)
  void everyFormatIsDeterministicAndEndsWithANewline(ReportFormat format) throws Exception {
    ScanReport report = ReportFixture.report();
    ByteArrayOutputStream a = new ByteArrayOutputStream();
    writers.write(report, format, a);
    String b = writers.toString(report, format);
    assertThat(a.toString(StandardCharsets.UTF_8)).isEqualTo(b).endsWith("\n");
    if (format != ReportFormat.TABLE) {
      assertThat(JSON.readTree(b).isObject()).isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(ReportFormat.class)
  void anEmptyReportIsWrittenInEveryFormat(ReportFormat format) throws Exception {
    String out = writers.toString(ReportFixture.empty(), format);
    if (format == ReportFormat.TABLE) {
      assertThat(out).doesNotContain("Total: 1");
    } else {
      JsonNode doc = JSON.readTree(out);
      assertThat(doc.isObject()).isTrue();
    }
  }
}
