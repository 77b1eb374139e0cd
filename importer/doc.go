// Package importer loads reference and partner data into the OneWork graph:
// ESCO (occupations, skills and their links), ONS SOC 2020, ONS places with
// the English Indices of Deprivation and NHS trusts, schema.org JobPosting
// adverts, and OneWork's own CSV formats for vacancies, people and
// programmes.
//
// Every import works in two phases. It first reads and validates all of its
// input: a malformed file (bad CSV quoting, a wrong or missing header, invalid
// UTF-8, truncated JSON) stops the import with an error before anything is
// written, and each bad row is recorded with its line, field and reason. It
// then writes the good rows in batches (one UNWIND query per batch), creating
// or updating only what differs, so that running the same import twice
// changes nothing the second time. Progress goes to the output as it runs
// (a live line with rate and ETA on a terminal, periodic plain lines
// otherwise), followed by the rejected rows and a summary per kind of what
// was created, updated, left unchanged and rejected.
//
// docs/import.md describes the commands, the file formats and the measured
// speeds.
package importer
