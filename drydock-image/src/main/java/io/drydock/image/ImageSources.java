package io.drydock.image;

import io.drydock.model.DrydockException;
import io.drydock.model.event.EventSink;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** Entry point: opens any image reference with the {@link ImageSource} that accepts it. */
public final class ImageSources {
  private final List<ImageSource> sources;

  private ImageSources(List<ImageSource> sources) {
    this.sources = sources.stream().sorted(Comparator.comparingInt(ImageSource::priority).reversed()).toList();
  }

  /** The sources registered with {@link ServiceLoader}. */
  public static ImageSources load() {
    return new ImageSources(ServiceLoader.load(ImageSource.class, ImageSources.class.getClassLoader()).stream()
        .map(ServiceLoader.Provider::get).toList());
  }

  public static ImageSources of(List<ImageSource> sources) {
    return new ImageSources(List.copyOf(sources));
  }

  public OpenedImage open(String reference, ImageOptions options, EventSink events) throws IOException {
    for (ImageSource source : sources) {
      if (source.accepts(reference)) {
        return source.open(reference, options, events);
      }
    }
    if (!reference.contains(":") || reference.startsWith("/") || reference.startsWith(".")) {
      throw DrydockException.notFound("Tried to open image '" + reference + "' but failed because: there is no such file or "
          + "directory, and it is not a registry reference");
    }
    throw DrydockException.usage("Tried to open image '" + reference + "' but no image source accepts it; use one of "
        + sources.stream().map(ImageSource::scheme).filter(s -> s != null).map(s -> s + ":").collect(Collectors.joining(", "))
        + " or a registry reference");
  }
}
