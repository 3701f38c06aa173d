package io.drydock.refs.outdated;

import io.drydock.model.ImageRef;
import java.io.IOException;
import java.util.List;

/** The tags of a repository ({@code io.drydock.image.registry.RegistryClient::listTags} is one). */
@FunctionalInterface
public interface TagLister {
  List<String> tags(ImageRef repository) throws IOException;
}
