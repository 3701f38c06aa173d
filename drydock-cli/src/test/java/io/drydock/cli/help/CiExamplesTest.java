package io.drydock.cli.help;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.drydock.cli.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The CI files under examples/ci parse as YAML and name only drydock commands and flags that exist. */
class CiExamplesTest {
  private static final Path CI = Path.of("..", "examples", "ci");

  @ParameterizedTest
  @ValueSource(strings = {"github-actions.yml", "gitlab-ci.yml"})
  void everyDrydockCommandParsesAndTheGateIsThere(String file) throws IOException {
    JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(CI.resolve(file)));
    String scripts = String.join("\n", strings(root));

    assertThat(ExampleCommands.problems(() -> new CommandLine(new Main()), scripts, file)).isEmpty();
    List<String> commands = ExampleCommands.in(scripts, "drydock").stream().map(a -> String.join(" ", a)).toList();
    assertThat(commands).anyMatch(c -> c.startsWith("scan ") && c.contains("--exit-code 1")
        && c.contains("--severity HIGH,CRITICAL") && c.contains("--format sarif"));
    assertThat(commands).anyMatch(c -> c.startsWith("refs lint "));
    assertThat(commands).anyMatch(c -> c.startsWith("pin --check"));
    if (file.startsWith("github")) {
      assertThat(scripts).contains("github/codeql-action/upload-sarif");
    }
  }

  /** Every string value in the document: run steps, script lines, uses. */
  private static List<String> strings(JsonNode n) {
    List<String> out = new ArrayList<>();
    if (n.isTextual()) {
      out.add(n.asText());
    }
    n.elements().forEachRemaining(c -> out.addAll(strings(c)));
    return out;
  }
}
