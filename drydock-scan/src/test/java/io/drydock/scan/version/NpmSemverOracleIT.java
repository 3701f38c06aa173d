package io.drydock.scan.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * node-semver 7.8.6 ({@code semver.compare(a, b, true)}, installed from the npm registry into
 * target/node-oracle on first use) against {@link NpmSemverScheme}.
 */
class NpmSemverOracleIT {

  static Path nodeSemver() throws Exception {
    Path prefix = Path.of("target", "node-oracle").toAbsolutePath();
    Path module = prefix.resolve("node_modules/semver/package.json");
    if (!Files.exists(module)) {
      Files.createDirectories(prefix);
      Oracle.run(
          List.of("npm", "install", "--prefix", prefix.toString(), "--no-audit", "--no-fund", "--no-save",
              "--ignore-scripts", "semver@7.8.6"),
          prefix, 300);
    }
    assertThat(module).as("node semver installed (npm install semver@7.8.6)").exists();
    return prefix.resolve("node_modules/semver");
  }

  @Test
  void agreesWithNodeSemver(@TempDir Path dir) throws Exception {
    Path semver = nodeSemver();
    List<Oracle.Pair> pairs = new ArrayList<>(Oracle.vectorPairs("semver-versions.txt"));
    pairs.addAll(Oracle.pairsWithin(Oracle.npmRegistryVersions().values(), 4000, 7));
    List<String> loose =
        List.of("1.2.3", "v1.2.3", "=1.2.3", " 1.2.3 ", "01.2.3", "1.2.3beta", "1.2.3-beta", "1.2.3-beta.01",
            "1.2.3-01", "1.2.3-1", "1.2.3-9007199254740992", "1.2.3-9007199254740993", "1.2.3+build", "1.2.3-a+b",
            "1.2", "1.2.3.4", "9007199254740991.0.0", "9007199254740992.0.0", "1.2.3-", "1.2.3--", "1.2.3-a..b");
    for (String a : loose) {
      for (String b : loose) {
        pairs.add(new Oracle.Pair(a, b));
      }
    }
    Oracle.writePairs(dir, pairs);
    String js =
        "const semver = require(process.argv[2]);\n"
            + "const fs = require('fs');\n"
            + "const out = [];\n"
            + "for (const line of fs.readFileSync('pairs.tsv', 'utf8').split('\\n')) {\n"
            + "  if (line === '') continue;\n"
            + "  const [a, b] = line.split('\\t');\n"
            + "  try { out.push(String(semver.compare(a, b, true))); } catch (e) { out.push('E'); }\n"
            + "}\n"
            + "process.stdout.write(out.join('\\n') + '\\n');\n";
    Files.writeString(dir.resolve("oracle.js"), js);
    List<String> answers = Oracle.run(List.of("node", "oracle.js", semver.toString()), dir, 600);
    int agreed = Oracle.assertAgrees("npm-semver", VersionSchemes.semver(), pairs, answers);
    assertThat(agreed).isGreaterThanOrEqualTo(10_000);
  }
}
