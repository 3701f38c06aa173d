#!/usr/bin/env ruby
# Writes RubyGems version pairs with Gem::Version's own answer, one "A <op> B" per line.
# Usage: ruby scripts/oracles/rubygems-pairs.rb VECTOR_FILE... > drydock-scan/src/test/resources/versions/rubygems-oracle-pairs.txt
# The versions are every version named in the given osv-scalibr vector files (real published gem versions);
# the pairs are every neighbour in Gem::Version order plus seeded random pairs, 12,000 in all.
# Run with Debian bookworm's ruby (1:3.1, rubygems 3.3.15): apt-get install -y ruby
versions = ARGF.each_line.flat_map { |l| l.start_with?('#') ? [] : (m = l.strip.match(/\A(\S+) [<=>] (\S+)\z/)) ? [m[1], m[2]] : [] }
versions = versions.uniq.select { |v| Gem::Version.correct?(v) }.sort
sorted = versions.sort_by { |v| Gem::Version.new(v) }
pairs = sorted.each_cons(2).to_a
rng = Random.new(20261203)
pairs << [versions[rng.rand(versions.size)], versions[rng.rand(versions.size)]] while pairs.size < 12_000
puts "# Gem::Version.new(A) <=> Gem::Version.new(B) by ruby #{RUBY_VERSION}, rubygems #{Gem::VERSION}; #{versions.size} versions, #{pairs.size} pairs"
pairs.each { |a, b| puts "#{a} #{%w[= > <][Gem::Version.new(a) <=> Gem::Version.new(b)]} #{b}" }
