import { http, type Query } from './http'
import type {
  ActionRequest,
  HistoryEntry,
  ListResponse,
  NewProblem,
  PageResponse,
  Problem,
  ProblemFilters,
} from './types'

/** Turns typed filters into the query string the server expects. */
export function filtersToApiQuery(f: ProblemFilters): Query {
  return {
    state: f.state,
    category: f.category,
    source: f.source,
    unit_id: f.unit_id,
    grid_id: f.grid_id,
    campaign_id: f.campaign_id,
    light: f.light,
    overdue: f.overdue ? 'true' : undefined,
    from: f.from,
    to: f.to,
    q: f.q,
    near: f.near,
  }
}

export const problemsApi = {
  list: (filters: ProblemFilters = {}, page: { limit?: number; cursor?: string | null } = {}) =>
    http.get<PageResponse<Problem>>('/problems', {
      ...filtersToApiQuery(filters),
      limit: page.limit ?? 50,
      cursor: page.cursor ?? undefined,
    }),
  /** Every page of a filter, 200 at a time (the API's largest page), up to `max` rows. */
  async listAll(filters: ProblemFilters = {}, max = 2000): Promise<Problem[]> {
    const out: Problem[] = []
    let cursor: string | null = null
    do {
      const page: PageResponse<Problem> = await problemsApi.list(filters, { limit: 200, cursor })
      out.push(...page.items)
      cursor = page.next_cursor
    } while (cursor && out.length < max)
    return out.slice(0, max)
  },
  get: (id: number | string) => http.get<Problem>(`/problems/${id}`),
  history: (id: number | string) => http.get<ListResponse<HistoryEntry>>(`/problems/${id}/history`),
  create: (p: NewProblem) => http.post<Problem>('/problems', p),
  act: (id: number | string, req: ActionRequest) =>
    http.post<Problem>(`/problems/${id}/actions`, req),
}
