// Package seed loads demonstration data into OneWork: a small built-in
// fixture (Fixture) for "make run" without the reference data and for API
// tests, a realistic demo of one area built from the reference data in
// ../shared/data (real places, NHS trusts, ESCO and 2020 NHS adverts, plus
// synthetic people, care and VCSE employers, providers and programmes), and
// synthetic people and vacancies at any scale for benchmarks. Everything
// synthetic is deterministic for a given seed and clearly marked "(demo)".
package seed
