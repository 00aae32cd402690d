import type { ProblemFilters } from '@/api/types'

/** The ledger's filters are exactly the API's list filters; the URL mirrors them. */
export type LedgerFilters = ProblemFilters

export interface SavedFilter {
  name: string
  query: Record<string, string>
}

export interface BatchDispatchForm {
  unit_id: number | null
  assist_unit_ids: number[]
  deadline: string | null
  comment: string
}
