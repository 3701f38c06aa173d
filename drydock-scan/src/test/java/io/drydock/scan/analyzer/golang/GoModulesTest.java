package io.drydock.scan.analyzer.golang;

import static org.assertj.core.api.Assertions.assertThat;

import io.drydock.model.Package;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoModulesTest {

  /** modinfo with '\n' and '\t' written as \n and |; expected as name@version;… */
  @ParameterizedTest(name = "[{index}] {2}")
  @CsvSource(delimiter = '!', nullValues = "-", value = {
      "go1.19.8 ! mod|m|(devel)| ! stdlib@v1.19.8",
      "go1.19.8 ! mod|m|v1.0.0|h1:x ! m@v1.0.0;stdlib@v1.19.8",
      "go1.19.8 ! mod|m|v1.0.0|\\ndep|d|v2.0.0|h1:x\\n=>|../d||\\n ! m@v1.0.0;d@v2.0.0;stdlib@v1.19.8",
      "go1.19.8 ! dep|d|v2.0.0|h1:x\\n=>|e|v2.1.0|h1:y\\ndep|f|v0.1.0|h1:z ! e@v2.1.0;f@v0.1.0;stdlib@v1.19.8",
      "go1.21rc2 ! mod|m|v1.0.0|\\n=>|other/m|v1.0.1| ! other/m@v1.0.1;stdlib@v1.21rc2",
      "devel go1.23-abcdef ! dep|d|v1.0.0| ! d@v1.0.0",
      "go1.20 ! path|cmd/x\\nbuild|k=v\\ngarbage\\ndep||v1|\\ndep|d||\\n=>|x|v1| ! stdlib@v1.20",
      "go1.20 !  ! stdlib@v1.20",
  })
  void packages(String goVersion, String modInfo, String expected) {
    String text = modInfo == null ? "" : modInfo.replace("\\n", "\n").replace('|', '\t');

    String actual = String.join(";", GoModules.packages(goVersion, text, "bin/x").stream()
        .map(p -> p.name() + "@" + p.version()).toList());

    assertThat(actual).isEqualTo(expected);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(nullValues = "-", value = {"go1.19.8, v1.19.8", "go1.22.0 X:boringcrypto, v1.22.0", "go1.21rc2, v1.21rc2",
      "go1.20, v1.20", "devel go1.23-abc, -", "'', -", "gccgo, -"})
  void stdlibVersion(String goVersion, String expected) {
    assertThat(GoModules.stdlibVersion(goVersion)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"github.com/foo/bar/v2, v2.0.1, pkg:golang/github.com/foo/bar/v2@v2.0.1",
      "golang.org/x/net, v0.0.0-20220722155237-a158d28d115b, pkg:golang/golang.org/x/net@v0.0.0-20220722155237-a158d28d115b",
      "gopkg.in/yaml.v3, v3.0.1, pkg:golang/gopkg.in/yaml.v3@v3.0.1",
      "github.com/Azure/go-autorest, v14.2.0+incompatible, pkg:golang/github.com/Azure/go-autorest@v14.2.0%2Bincompatible"})
  void purls(String path, String version, String purl) {
    Package p = GoModules.packages("devel", "dep\t" + path + "\t" + version + "\th1:x\n", "bin/x").get(0);
    assertThat(p.purl()).isEqualTo(purl);
  }
}
