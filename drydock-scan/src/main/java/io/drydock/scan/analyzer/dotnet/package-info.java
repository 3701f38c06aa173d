/**
 * .NET packages: the {@code *.deps.json} a .NET build writes beside an application, and NuGet's
 * {@code packages.lock.json}. Matched against OSV {@code NuGet} with NuGet's version order.
 */
@NullMarked
package io.drydock.scan.analyzer.dotnet;

import org.jspecify.annotations.NullMarked;
