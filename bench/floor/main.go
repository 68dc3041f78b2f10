// Command floor is the start-time floor of linkstep for bench/run.sh: it prints a line and
// exits, and bench/run.sh builds it with every package linkstep imports from outside this
// module added as blank imports (through go build -overlay), so its start is those packages'
// init functions and the runtime, and nothing of linkstep's own.
package main

import "fmt"

func main() { fmt.Println("floor") }
