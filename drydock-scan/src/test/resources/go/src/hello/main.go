// Command hello is the drydock test fixture for the Go binary analyzer.
package main

import (
	"fmt"

	"example.com/greet"
)

func main() { fmt.Println(greet.Hello("drydock")) }
