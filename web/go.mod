// This file only keeps the Go tools out of web/ (and its node_modules):
// web/ holds the console's TypeScript sources; the built assets are served
// by the Go package console/.
module onework.invalid/web
