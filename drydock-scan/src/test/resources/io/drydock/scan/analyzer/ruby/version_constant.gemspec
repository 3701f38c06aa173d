# frozen_string_literal: true

require_relative 'lib/example_app/version'

Gem::Specification.new do |spec|
  spec.name = 'example_app'
  spec.version = ExampleApp::VERSION
end
