# OneWork: the two commands are `make run` and `make test`.
GO ?= go
NEO4J := tools/neo4j/neo4j.sh

.PHONY: run test deps console build neo4j-start neo4j-stop neo4j-status generate lint bench

## run: start a local Neo4j, load demo data, serve the API and GraphiQL on $ONEWORK_ADDR (default :8080)
run: deps console
	@scripts/run.sh

## test: start a throwaway Neo4j, run every test against it, stop it
test: deps console
	@scripts/test.sh

## deps: install what a fresh machine lacks (Java 17, Maven) and fetch Go modules
deps:
	@scripts/deps.sh

## console: build the adviser console and the partner widget (web/) when their sources changed
console:
	@scripts/console.sh

build: console
	$(GO) build -o bin/onework .

neo4j-start:
	@$(NEO4J) start

neo4j-stop:
	@$(NEO4J) stop

neo4j-status:
	@$(NEO4J) status

## generate: regenerate the GraphQL code from schema/
generate:
	$(GO) run ./tools/gqlgen

lint:
	gofmt -l . | tee /dev/stderr | (! read)
	$(GO) vet ./...

## bench: the benchmarks that print figures: the engine at 1M people (with bytes per
## person-skill link), and the full stack (index from Neo4j, GraphQL over HTTP, Cypher, a mixed
## load) on the data in the local Neo4j; docs/performance.md has the method and the figures
bench:
	$(GO) test -run '^$$' -bench 'Candidates|Vacancies' -benchtime 300x ./matching/
	$(GO) test -run '^$$' -bench Build -benchtime 1x ./matching/
	$(GO) test -run '^$$' -bench . ./textmatch/
	$(GO) run . bench match --mixed 10s --c 16
