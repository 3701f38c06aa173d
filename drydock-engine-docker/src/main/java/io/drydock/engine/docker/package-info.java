/** Docker Engine API adapter (docker-java); also drives Podman's Docker-compatible socket. */
package io.drydock.engine.docker;
