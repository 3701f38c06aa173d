// Package greet is a local stand-in dependency so that the test binary's build info has a dep line.
package greet

// Hello returns a greeting for name.
func Hello(name string) string { return "hello, " + name }
