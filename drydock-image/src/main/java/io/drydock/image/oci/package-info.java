/** OCI image layouts and OCI archives as image sources. */
@NullMarked
package io.drydock.image.oci;

import org.jspecify.annotations.NullMarked;
