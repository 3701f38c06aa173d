/**
 * Ruby gems: the specifications rubygems writes for installed gems, and Bundler's lockfiles. Matched against
 * OSV {@code RubyGems} with {@code Gem::Version} order.
 */
@NullMarked
package io.drydock.scan.analyzer.ruby;

import org.jspecify.annotations.NullMarked;
