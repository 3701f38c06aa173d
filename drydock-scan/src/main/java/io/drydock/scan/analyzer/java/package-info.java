/** Java archives: jar, war, ear, nested jars, manifests and pom.properties. */
@NullMarked
package io.drydock.scan.analyzer.java;

import org.jspecify.annotations.NullMarked;
