package io.drydock.image;

import io.drydock.model.event.EventSink;
import java.io.IOException;

/**
 * Resolves one kind of image reference. Implementations are found with {@link java.util.ServiceLoader};
 * {@link ImageSources#open} asks each whether it {@link #accepts} the reference and uses the one with the
 * highest {@link #priority}.
 *
 * <p>Spellings: {@code oci-archive:FILE[:ref]}, {@code oci:DIR[:ref]}, {@code docker-archive:FILE[:ref]},
 * {@code engine:NAME-OR-ID}, {@code dir:PATH}, {@code registry:REF} or a bare registry reference.
 */
public interface ImageSource {

  /** The prefix this source answers to, e.g. {@code oci-archive}. */
  String scheme();

  /** By default, references spelled {@code scheme():…}. */
  default boolean accepts(String reference) {
    return reference.startsWith(scheme() + ":");
  }

  /** Prefixed sources are unambiguous and come first ({@code 10}); guessing sources override this lower. */
  default int priority() {
    return 10;
  }

  OpenedImage open(String reference, ImageOptions options, EventSink events) throws IOException;
}
