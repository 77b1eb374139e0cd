// Every operation the console sends. Each is checked against
// schema/*.graphqls at build time and typed from it.
import { graphql } from "./gql";

export const PlacesQuery = graphql(`
  query ConsolePlaces($text: String!) {
    places(filter: { text: $text }, first: 8) {
      nodes { id name kind }
    }
  }
`);

export const OccupationsQuery = graphql(`
  query ConsoleOccupations($text: String!) {
    occupations(filter: { text: $text }, first: 8) {
      nodes { id label }
    }
  }
`);

export const VacanciesQuery = graphql(`
  query ConsoleVacancies($filter: VacancyFilter, $first: Int, $after: String) {
    vacancies(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes {
        id title salaryMin salaryMax contract openNow closesAt flexible
        location { lat lon }
        place { name }
        occupation { label }
        employer { id name kind realLivingWage charterLevel disabilityConfident }
      }
    }
  }
`);

export const VacancyQuery = graphql(`
  query ConsoleVacancy($id: ID!) {
    vacancy(id: $id) {
      id title openNow salaryMin salaryMax contract
      place { name }
      occupation { label }
      employer { name kind }
      requirements { essential skill { label } }
    }
  }
`);

export const CandidatesQuery = graphql(`
  query ConsoleCandidates($vacancyId: ID!, $first: Int) {
    candidatesForVacancy(vacancyId: $vacancyId, first: $first) {
      totalCount
      notes
      edges {
        score
        distanceKm
        reasons
        readiness
        readyAfter { id title durationWeeks provider { name } }
        breakdown { fit skills experience distance local access preferences }
        skills { tier essential unscored skill { id label } via { label } }
        registration { regulator title route held }
        experience { seeks closeness occupation { label } }
        person { id name orgId place { name } }
      }
    }
  }
`);

export const PeopleQuery = graphql(`
  query ConsolePeople($first: Int, $after: String) {
    people(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { id name place { name } seeks { label } }
    }
  }
`);

export const PersonQuery = graphql(`
  query ConsolePerson($id: ID!, $withEquality: Boolean!) {
    person(id: $id) {
      id orgId name travelKm availableFrom hoursPerWeek rightToWork
      consentMatching consentShareWithEmployers consentMonitoring
      place { id name }
      skills { level skill { label } }
      registrations { regulator number expires }
      seeks { label }
      history { occupation { label } from to }
      equality @include(if: $withEquality) { ageBand sex genderIdentity ethnicity disability religion sexualOrientation }
    }
  }
`);

export const PersonVacanciesQuery = graphql(`
  query ConsolePersonVacancies($personId: ID!) {
    vacanciesForPerson(personId: $personId, first: 10) {
      totalCount
      notes
      edges {
        score distanceKm reasons
        breakdown { fit skills experience distance preferences goodWork { score } }
        registration { title route held }
        skills { tier essential skill { label } }
        vacancy { id title employer { name realLivingWage } place { name } }
      }
    }
  }
`);

export const ProgrammesForQuery = graphql(`
  query ConsoleProgrammesFor($personId: ID!, $vacancyId: ID!) {
    programmesFor(personId: $personId, target: { vacancyId: $vacancyId }, first: 3) {
      gap { label }
      programmes {
        share distanceKm startsInDays reasons
        programme { id title kind durationWeeks provider { name } }
        closes { label }
      }
    }
  }
`);

export const PersonMovesQuery = graphql(`
  query ConsolePersonMoves($personId: ID!, $near: NearInput) {
    careerMoves(from: { personId: $personId }, near: $near, first: 5) {
      origin { label }
      moves {
        similarity payRatio crossSector vacanciesNearby reasons
        occupation { id label }
        missingSkills { essential skill { label } }
        programmes { id title provider { name } }
      }
    }
  }
`);

export const SetConsentMutation = graphql(`
  mutation ConsoleSetConsent($personId: ID!, $consent: ConsentInput!) {
    setConsent(personId: $personId, consent: $consent) {
      id consentMatching consentShareWithEmployers consentMonitoring
    }
  }
`);

export const ExportPersonMutation = graphql(`
  mutation ConsoleExportPerson($id: ID!) {
    exportPerson(id: $id)
  }
`);

export const ErasePersonMutation = graphql(`
  mutation ConsoleErasePerson($id: ID!) {
    erasePerson(id: $id) { id deleted }
  }
`);

export const CareerMovesQuery = graphql(`
  query ConsoleCareerMoves($title: String!, $near: NearInput, $filter: CareerMoveFilter) {
    careerMoves(from: { jobTitle: $title }, near: $near, first: 10, filter: $filter) {
      origin { label }
      normalisedTitle
      moves {
        similarity payRatio annualPay crossSector vacanciesNearby reasons
        occupation { id label }
        missingSkills { essential skill { label } }
        programmes { id title provider { name } }
      }
    }
  }
`);

export const ProvidersQuery = graphql(`
  query ConsoleProviders($text: String) {
    providers(filter: { text: $text }, first: 20) {
      nodes { id name kind place { name } }
    }
  }
`);

export const ProviderQuery = graphql(`
  query ConsoleProvider($id: ID!) {
    provider(id: $id) {
      id name kind place { name }
      programmes(first: 30) {
        totalCount
        nodes {
          id title kind durationWeeks placesLeft startDate
          destinations { skillCoverage learners hires openVacanciesNearby occupation { id label } }
        }
      }
    }
  }
`);

export const EmployersQuery = graphql(`
  query ConsoleEmployers {
    employers(first: 50) { nodes { id name kind } }
  }
`);

export const ReferralsForVacancyQuery = graphql(`
  query ConsoleReferralsForVacancy($vacancyId: ID!) {
    referrals(filter: { vacancyId: $vacancyId }, first: 100) {
      nodes { id stage person { id } }
    }
  }
`);

export const ReferMutation = graphql(`
  mutation ConsoleRefer($personId: ID!, $vacancyId: ID!) {
    refer(personId: $personId, vacancyId: $vacancyId) {
      changed warning
      referral { id stage person { id } }
    }
  }
`);

export const InsightsQuery = graphql(`
  query ConsoleInsights($slice: InsightSlice!) {
    vacancies: vacancyInsights(slice: $slice, by: LOCAL_AUTHORITY) {
      name title by notes allSuppressed asOf csvPath
      columns { name description kind }
      rows { cells { column value text suppressed } }
    }
    reach(slice: $slice) {
      name title by notes allSuppressed asOf csvPath
      columns { name description kind }
      rows { cells { column value text suppressed } }
    }
    fairness(slice: $slice) {
      name title by notes allSuppressed asOf csvPath
      columns { name description kind }
      rows { cells { column value text suppressed } }
    }
  }
`);
