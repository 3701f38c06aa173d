/** OCI and Docker manifests, indexes and configs, parsed into model records. */
@NullMarked
package io.drydock.image.manifest;

import org.jspecify.annotations.NullMarked;
