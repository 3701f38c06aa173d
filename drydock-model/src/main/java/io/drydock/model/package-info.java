/** Records and SPIs shared by the stages: images, packages, advisories, findings, reports. */
@NullMarked
package io.drydock.model;

import org.jspecify.annotations.NullMarked;
