/** Version schemes of the ecosystems (pure): dpkg, apk, rpm, Maven, semver, PEP 440, Go. */
@NullMarked
package io.drydock.scan.version;

import org.jspecify.annotations.NullMarked;
