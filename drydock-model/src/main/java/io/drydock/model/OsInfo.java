package io.drydock.model;

import org.jspecify.annotations.Nullable;

/**
 * The operating system of an image as its release files describe it. {@code family} is the os-release
 * {@code ID} in lower case ({@code debian}, {@code ubuntu}, {@code alpine}, {@code rhel}, {@code centos},
 * {@code rocky}, {@code almalinux}, {@code ol}, {@code amzn}, {@code fedora}, {@code sles}, {@code opensuse-leap},
 * {@code wolfi}, {@code chainguard}, {@code photon}, {@code mariner}, {@code azurelinux}); {@code version} is the
 * most precise version known ({@code 12.15} from debian_version, {@code 3.20.3} from alpine-release).
 */
public record OsInfo(String family, String version, @Nullable String prettyName) {
  public OsInfo {
    if (family.isBlank()) {
      throw new IllegalArgumentException("os family is blank");
    }
  }

  @Override
  public String toString() {
    return family + " " + version;
  }
}
