package main

import (
	"strings"
	"testing"
	"time"
)

func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestLoadConfigDefaults(t *testing.T) {
	c, err := LoadConfig(env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != "127.0.0.1:8080" || c.Neo4j.URI != "bolt://127.0.0.1:7687" || c.Neo4j.Database != "neo4j" || c.Limits.MaxPageSize != 100 || c.Timeout != 30*time.Second || c.Dev {
		t.Errorf("LoadConfig(defaults) = %+v", c)
	}
	if c.MinSkills != 0.01 {
		t.Errorf("MinSkills = %v, want the 0.01 default", c.MinSkills)
	}
	if len(c.CORSOrigins) != 0 {
		t.Errorf("CORS origins = %v, want none by default", c.CORSOrigins)
	}
}

func TestLoadConfigListsEveryProblem(t *testing.T) {
	_, err := LoadConfig(env(map[string]string{
		"ONEWORK_MAX_PAGE_SIZE":    "lots",
		"ONEWORK_REQUEST_TIMEOUT":  "-3s",
		"ONEWORK_CORS_ORIGINS":     "https://a.example, *",
		"ONEWORK_DEV":              "maybe",
		"ONEWORK_MATCH_MIN_SKILLS": "1.5",
		"ONEWORK_MAP_TILES":        "ftp://tiles.example/{z}/{x}.png",
	}))
	if err == nil {
		t.Fatal("LoadConfig(bad) = nil error")
	}
	for _, name := range []string{"ONEWORK_MAX_PAGE_SIZE", "ONEWORK_REQUEST_TIMEOUT", "ONEWORK_CORS_ORIGINS", "ONEWORK_DEV", "ONEWORK_MATCH_MIN_SKILLS", "ONEWORK_MAP_TILES"} {
		if !strings.Contains(err.Error(), name) {
			t.Errorf("error does not name %s: %v", name, err)
		}
	}
}

func TestLoadConfigOverrides(t *testing.T) {
	c, err := LoadConfig(env(map[string]string{"ONEWORK_ADDR": "127.0.0.1:9999", "ONEWORK_CORS_ORIGINS": "https://council.example, https://charity.example", "ONEWORK_MAX_DEPTH": "8"}))
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != "127.0.0.1:9999" || len(c.CORSOrigins) != 2 || c.Limits.MaxDepth != 8 {
		t.Errorf("LoadConfig(overrides) = %+v", c)
	}
}

func TestLoadConfigRefusesTheDevSecretBeyondLoopback(t *testing.T) {
	const secret = "local-development-secret-change-me-0123"
	tests := []struct {
		addr string
		ok   bool
	}{
		{"127.0.0.1:8080", true}, {"localhost:8080", true}, {"[::1]:8080", true}, {"127.0.0.1:0", true},
		{":8080", false}, {"0.0.0.0:8080", false}, {"192.168.1.20:8080", false}, {"[::]:8080", false},
	}
	for _, tc := range tests {
		_, err := LoadConfig(env(map[string]string{"ONEWORK_ADDR": tc.addr, "ONEWORK_JWT_DEV_SECRET": secret}))
		if ok := err == nil; ok != tc.ok {
			t.Errorf("LoadConfig(ONEWORK_ADDR=%s with a dev secret) = %v, want ok %v", tc.addr, err, tc.ok)
		}
		if err != nil && !strings.Contains(err.Error(), "ONEWORK_JWT_DEV_SECRET: refused while ONEWORK_ADDR") {
			t.Errorf("LoadConfig(ONEWORK_ADDR=%s) error %q does not say why", tc.addr, err)
		}
		if _, err := LoadConfig(env(map[string]string{"ONEWORK_ADDR": tc.addr})); err != nil {
			t.Errorf("LoadConfig(ONEWORK_ADDR=%s without a dev secret) = %v, want ok", tc.addr, err)
		}
	}
	if _, err := LoadConfig(env(map[string]string{"ONEWORK_ADDR": "8080"})); err == nil || !strings.Contains(err.Error(), "ONEWORK_ADDR") {
		t.Errorf("LoadConfig(ONEWORK_ADDR=8080) = %v, want an error naming ONEWORK_ADDR", err)
	}
}

func TestLoadConfigGCPercent(t *testing.T) {
	for v, want := range map[string]int{"": DefaultGCPercent, "100": 100, "800": 800, "off": -1} {
		c, err := LoadConfig(env(map[string]string{"GOGC": v}))
		if err != nil || c.GCPercent != want {
			t.Errorf("GOGC=%q: GCPercent %d, %v; want %d", v, c.GCPercent, err, want)
		}
	}
	for _, v := range []string{"0", "-5", "lots", "OFF ", "1e3"} {
		_, err := LoadConfig(env(map[string]string{"GOGC": v}))
		if err == nil || !strings.Contains(err.Error(), "GOGC: want a whole number of at least 1, or off") {
			t.Errorf("GOGC=%q: %v, want an error naming GOGC", v, err)
		}
	}
}
