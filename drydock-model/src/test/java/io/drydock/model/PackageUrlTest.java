package io.drydock.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PackageUrlTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      2.36-9+deb12u4   | 2.36-9%2Bdeb12u4
      1.2.3~rc1        | 1.2.3~rc1
      a b/c?d#e@f%     | a%20b%2Fc%3Fd%23e%40f%25
      1:2              | 1:2
      é                | %C3%A9
      """)
  void encodes(String raw, String encoded) {
    assertThat(PackageUrl.encode(raw)).isEqualTo(encoded);
  }

  @Test
  void canonicalFormSortsQualifiersAndDropsEmptyOnes() {
    PackageUrl p = PackageUrl.of("deb", "debian", "libc6", "2.36-9+deb12u4")
        .withQualifier("distro", "debian-12")
        .withQualifier("arch", "amd64")
        .withQualifier("epoch", null)
        .withQualifier("upstream", "");
    assertThat(p).hasToString("pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12");
  }

  @Test
  void noNamespaceNoVersion() {
    assertThat(PackageUrl.of("rpm", null, "x", null)).hasToString("pkg:rpm/x");
    assertThat(PackageUrl.of("maven", "org.a/b c", "n", "1")).hasToString("pkg:maven/org.a/b%20c/n@1");
  }

  @Test
  void rejectsBadTypeAndKeys() {
    assertThatThrownBy(() -> PackageUrl.of("De B", null, "x", null)).isInstanceOf(IllegalArgumentException.class);
    TreeMap<String, String> q = new TreeMap<>();
    q.put("Bad Key", "v");
    assertThatThrownBy(() -> new PackageUrl("deb", null, "x", null, q)).isInstanceOf(IllegalArgumentException.class);
  }
}
