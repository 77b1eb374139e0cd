//go:build tools

// This file pins the code generator, so that tools/gqlgen and `go run
// github.com/99designs/gqlgen` use the version in go.mod.
package main

import _ "github.com/99designs/gqlgen"
