//go:build tools

// This file pins the code generator, so that `go run
// github.com/99designs/gqlgen generate` uses the version in go.mod.
package main

import _ "github.com/99designs/gqlgen"
