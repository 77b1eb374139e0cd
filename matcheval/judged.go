// Package matcheval measures the matching engine against a careers
// adviser's judgements: a caseload of people and a set of local vacancies,
// written with real ESCO occupations and skills, each vacancy with ten
// people graded 0 to 3 and a line of reasoning (testdata/judged.txt). It
// prints NDCG@5 and precision@5 for the engine's ranking and for the
// previous weighted-mean model, so a change of method can be judged on
// truth the engine never reads.
package matcheval

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
)

// Set is a parsed judgement file, with ESCO labels not yet resolved.
type Set struct {
	Areas     []Area
	Places    []Place
	People    []Person
	Vacancies []Vacancy
	Judged    []Judgement
}

// Area is a local authority or ICB.
type Area struct {
	ID, Kind, Parent, Name string
}

// Place is an LSOA-sized home or workplace area.
type Place struct {
	ID, LA, ICB, Name string
	IMD               int
	Lat, Lon          float64
}

// Job is a spell in an occupation, by ESCO label; To is 0 for "now".
type Job struct {
	Occupation string
	From, To   int
}

// Registration is a professional registration; Expires may be zero.
type Registration struct {
	Regulator string
	Expires   time.Time
}

// Person is one person on the caseload.
type Person struct {
	ID, Place     string
	TravelKm      float64
	Hours         float64
	NoRightToWork bool
	Available     time.Time
	Worked        []Job
	Seeks         []string
	Registrations []Registration
	Skills        []string
	line          int
}

// Vacancy is one vacancy: its ESCO occupation ("" for none) and the skills
// its advert names.
type Vacancy struct {
	ID, Place, Title, Occupation string
	Hours                        float64
	Advert                       []string
	line                         int
}

// Judgement is an adviser's grade, 0 to 3, of a person for a vacancy.
type Judgement struct {
	Vacancy, Person string
	Grade           int
	Reason          string
	line            int
}

// Parse reads a judgement file (the format is described at the top of
// testdata/judged.txt). Errors name the line.
func Parse(r io.Reader) (*Set, error) {
	s := &Set{}
	sc := bufio.NewScanner(r)
	n := 0
	var person *Person
	var vacancy *Vacancy
	judging := ""
	fail := func(format string, args ...any) error {
		return fmt.Errorf("line %d: %s", n, fmt.Sprintf(format, args...))
	}
	for sc.Scan() {
		n++
		raw := sc.Text()
		line := strings.TrimSpace(raw)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		indented := raw != strings.TrimLeft(raw, " \t")
		word, rest, _ := strings.Cut(line, " ")
		rest = strings.TrimSpace(rest)
		if !indented {
			person, vacancy, judging = nil, nil, ""
		}
		switch {
		case !indented && word == "area":
			f := strings.SplitN(rest, " ", 4)
			if len(f) != 4 {
				return nil, fail("area wants ID KIND PARENT NAME")
			}
			s.Areas = append(s.Areas, Area{ID: f[0], Kind: f[1], Parent: strings.Trim(f[2], "-"), Name: f[3]})
		case !indented && word == "place":
			f := strings.SplitN(rest, " ", 7)
			if len(f) != 7 {
				return nil, fail("place wants ID LA ICB IMD LAT LON NAME")
			}
			imd, err1 := strconv.Atoi(f[3])
			lat, err2 := strconv.ParseFloat(f[4], 64)
			lon, err3 := strconv.ParseFloat(f[5], 64)
			if err1 != nil || err2 != nil || err3 != nil {
				return nil, fail("place %s: bad IMD decile or coordinates", f[0])
			}
			s.Places = append(s.Places, Place{ID: f[0], LA: f[1], ICB: f[2], IMD: imd, Lat: lat, Lon: lon, Name: f[6]})
		case !indented && word == "person":
			f := strings.Fields(rest)
			if len(f) < 2 {
				return nil, fail("person wants ID PLACE and options")
			}
			s.People = append(s.People, Person{ID: f[0], Place: f[1], line: n})
			person = &s.People[len(s.People)-1]
			for _, opt := range f[2:] {
				k, v, _ := strings.Cut(opt, "=")
				var err error
				switch k {
				case "travel":
					person.TravelKm, err = strconv.ParseFloat(v, 64)
				case "hours":
					person.Hours, err = strconv.ParseFloat(v, 64)
				case "rtw":
					person.NoRightToWork = v == "no"
				case "available":
					person.Available, err = time.Parse(time.DateOnly, v)
				default:
					err = fmt.Errorf("unknown option")
				}
				if err != nil {
					return nil, fail("person %s: option %q: %v", f[0], opt, err)
				}
			}
		case !indented && word == "vacancy":
			head, title, ok := strings.Cut(rest, " | ")
			f := strings.Fields(head)
			if !ok || len(f) < 3 {
				return nil, fail("vacancy wants ID PLACE hours=H occupation=LABEL | TITLE")
			}
			v := Vacancy{ID: f[0], Place: f[1], Title: strings.TrimSpace(title), line: n}
			opts := strings.Join(f[2:], " ")
			hours, occ, _ := strings.Cut(opts, " occupation=")
			h, err := strconv.ParseFloat(strings.TrimPrefix(hours, "hours="), 64)
			if err != nil || !strings.HasPrefix(hours, "hours=") {
				return nil, fail("vacancy %s: hours=H then occupation=LABEL", f[0])
			}
			v.Hours, v.Occupation = h, strings.Trim(strings.TrimSpace(occ), "-")
			s.Vacancies = append(s.Vacancies, v)
			vacancy = &s.Vacancies[len(s.Vacancies)-1]
		case !indented && word == "judge":
			judging = rest
		case indented && person != nil:
			switch word {
			case "worked":
				label, years, ok := strings.Cut(rest, " | ")
				from, to, ok2 := strings.Cut(years, "-")
				a, err1 := strconv.Atoi(from)
				b, err2 := strconv.Atoi(to)
				if to == "now" {
					b, err2 = 0, nil
				}
				if !ok || !ok2 || err1 != nil || err2 != nil {
					return nil, fail("worked wants LABEL | FROM-TO")
				}
				person.Worked = append(person.Worked, Job{Occupation: strings.TrimSpace(label), From: a, To: b})
			case "seeks":
				person.Seeks = append(person.Seeks, rest)
			case "registered":
				f := strings.Fields(rest)
				r := Registration{Regulator: f[0]}
				if len(f) > 1 {
					t, err := time.Parse(time.DateOnly, strings.TrimPrefix(f[1], "expires="))
					if err != nil {
						return nil, fail("registered wants REGULATOR [expires=YYYY-MM-DD]")
					}
					r.Expires = t
				}
				person.Registrations = append(person.Registrations, r)
			case "skills":
				person.Skills = append(person.Skills, labels(rest)...)
			default:
				return nil, fail("unknown person line %q", word)
			}
		case indented && vacancy != nil && word == "advert":
			vacancy.Advert = append(vacancy.Advert, labels(rest)...)
		case indented && judging != "":
			grade, reason, ok := strings.Cut(rest, " ")
			g, err := strconv.Atoi(grade)
			if !ok || err != nil || g < 0 || g > 3 {
				return nil, fail("a judgement wants PERSON GRADE(0-3) REASON")
			}
			if strings.TrimSpace(reason) == "" {
				return nil, fail("judgement of %s for %s has no reason", word, judging)
			}
			s.Judged = append(s.Judged, Judgement{Vacancy: judging, Person: word, Grade: g, Reason: strings.TrimSpace(reason), line: n})
		default:
			return nil, fail("unexpected %q", line)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return s, s.check()
}

func labels(s string) []string {
	var out []string
	for _, l := range strings.Split(s, ";") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// check finds references to people, vacancies and places that the file
// does not define, and people judged twice for one vacancy.
func (s *Set) check() error {
	places := map[string]bool{}
	for _, p := range s.Places {
		places[p.ID] = true
	}
	people := map[string]bool{}
	for _, p := range s.People {
		if !places[p.Place] {
			return fmt.Errorf("line %d: person %s lives in unknown place %q", p.line, p.ID, p.Place)
		}
		people[p.ID] = true
	}
	vacancies := map[string]bool{}
	for _, v := range s.Vacancies {
		if !places[v.Place] {
			return fmt.Errorf("line %d: vacancy %s is in unknown place %q", v.line, v.ID, v.Place)
		}
		vacancies[v.ID] = true
	}
	seen := map[[2]string]bool{}
	for _, j := range s.Judged {
		switch key := [2]string{j.Vacancy, j.Person}; {
		case !vacancies[j.Vacancy]:
			return fmt.Errorf("line %d: judgement for unknown vacancy %q", j.line, j.Vacancy)
		case !people[j.Person]:
			return fmt.Errorf("line %d: judgement of unknown person %q", j.line, j.Person)
		case seen[key]:
			return fmt.Errorf("line %d: %s judged twice for %s", j.line, j.Person, j.Vacancy)
		default:
			seen[key] = true
		}
	}
	if len(s.Judged) == 0 {
		return fmt.Errorf("no judgements")
	}
	return nil
}

// NDCG is the normalised discounted cumulative gain at k of a ranking of
// grades against the grades judged: gain 2^g-1, discount log2(rank+1).
// It is 0 when no judged grade is above 0.
func NDCG(ranked []int, judged []int, k int) float64 {
	dcg := func(g []int) float64 {
		s := 0.0
		for i := 0; i < len(g) && i < k; i++ {
			s += (math.Pow(2, float64(g[i])) - 1) / math.Log2(float64(i+2))
		}
		return s
	}
	ideal := append([]int(nil), judged...)
	sortDesc(ideal)
	if id := dcg(ideal); id > 0 {
		return dcg(ranked) / id
	}
	return 0
}

// PrecisionAt is the share of the first k ranked whose grade is at least
// 2 (worth putting forward).
func PrecisionAt(ranked []int, k int) float64 {
	n := 0
	for i := 0; i < len(ranked) && i < k; i++ {
		if ranked[i] >= 2 {
			n++
		}
	}
	return float64(n) / float64(k)
}

func sortDesc(g []int) {
	for i := 1; i < len(g); i++ {
		for j := i; j > 0 && g[j] > g[j-1]; j-- {
			g[j], g[j-1] = g[j-1], g[j]
		}
	}
}
