package io.drydock.scan.version;

/**
 * How one ecosystem orders its version strings. Implementations are pure, stateless and thread-safe.
 *
 * <p>{@link #compare} is total: it never throws, also not for strings {@link #isValid} rejects; such strings
 * are ordered the way the ecosystem's own tool orders them (dpkg warns and compares, apk compares token by
 * token) or, where the tool refuses them, by a documented fallback of the scheme.
 */
public interface VersionScheme {

  /** Negative, zero or positive as {@code a} sorts before, equal to or after {@code b}. */
  int compare(String a, String b);

  /** Whether the ecosystem's own tool accepts {@code version} as a version without complaint. */
  boolean isValid(String version);

  /** Short name of the scheme: {@code dpkg}, {@code rpm}, {@code apk}, {@code maven}, {@code semver}, {@code pep440}, {@code go}. */
  String name();
}
