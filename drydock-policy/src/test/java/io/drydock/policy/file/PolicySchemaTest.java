package io.drydock.policy.file;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The published JSON Schema accepts every example policy (which the reader accepts too) and rejects typos. */
class PolicySchemaTest {
  static final Path SCHEMA = Path.of("../docs/schemas/drydock-policy-v1.schema.json");

  static Schema schema() throws Exception {
    JsonNode s = new ObjectMapper().readTree(Files.readString(SCHEMA));
    return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(s);
  }

  static Stream<Path> examples() throws Exception {
    return Files.list(Path.of("../examples/policy")).filter(p -> p.toString().endsWith(".yaml")).sorted();
  }

  @ParameterizedTest
  @MethodSource("examples")
  void examplesValidate(Path example) throws Exception {
    JsonNode doc = new YAMLMapper().readTree(Files.readString(example));
    assertThat(schema().validate(doc)).isEmpty();
    assertThat(PolicyFile.parse(example.toString(), Files.readString(example)).rules()).isNotEmpty();
  }

  @Test
  void schemaRejectsUnknownKeysAndTwoChecks() throws Exception {
    JsonNode typo = new YAMLMapper().readTree("schema: drydock.policy/v1\nrules:\n  - {id: a, digest: true, colour: red}\n");
    JsonNode two = new YAMLMapper().readTree("schema: drydock.policy/v1\nrules:\n  - {id: a, digest: true, nonRoot: true}\n");
    JsonNode none = new YAMLMapper().readTree("schema: drydock.policy/v1\nrules:\n  - {id: a}\n");
    assertThat(schema().validate(typo)).isNotEmpty();
    assertThat(schema().validate(two)).isNotEmpty();
    assertThat(schema().validate(none)).isNotEmpty();
  }
}
