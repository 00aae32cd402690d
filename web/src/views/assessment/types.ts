import type {
  Accountability,
  AccountabilityKind,
  AccountabilityTarget,
  Entry,
  ExplainProblem,
  PersonScore,
} from '@/api/assessment'

export type AssessmentTab = 'ranking' | 'entries' | 'accountability' | 'people'

/** What the page shows, mirrored in the URL (?scheme=&period=&tab=). */
export interface AssessmentQuery {
  scheme: string
  /** YYYY-MM */
  period: string
  tab: AssessmentTab
}

/** An item a manual entry may target (an entries item, or the entry fact of a bonus/veto/deduction). */
export interface EntryOption {
  key: string
  name: string
  kind: 'item' | 'bonus' | 'veto' | 'deduction'
  /** Upper bound of a sensible value (item max, bonus cap); null when unbounded. */
  max: number | null
  min: number
}

export interface EntryForm {
  unit_id: number | null
  item: string
  points: number | null
  note: string
}

export interface AccountabilityForm {
  unit_id: number | null
  kind: AccountabilityKind | ''
  target: AccountabilityTarget
  person: string
  reason: string
  day: string
  problem_id: number | null
}

export type FieldErrors = Record<string, string>

/** What lies behind one breakdown line in the explain drawer. */
export interface LineEvidence {
  problems: ExplainProblem[]
  /** For rate lines: the ids of cohort problems that counted for the line. */
  hits?: Set<number>
  entries: Entry[]
  accountability: { id: number; kind: string; day: string; reason: string }[]
  /** An explanatory sentence (how the line is computed) when lists do not say it all. */
  note?: string
}

export interface RankedPerson extends PersonScore {
  rank: number | null
}

export type { Accountability }
