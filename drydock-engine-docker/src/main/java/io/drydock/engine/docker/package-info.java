/** Docker Engine API adapter (docker-java); also drives Podman's Docker-compatible socket. */
@NullMarked
package io.drydock.engine.docker;

import org.jspecify.annotations.NullMarked;
