// Patrols (巡查): tours with GPS tracks, and coverage (grids/roads not visited in N days,
// grid workers below 日巡 ≥ 2 次).
import { http } from './http'
import type { ListResponse } from './types'

export interface Patrol {
  id: number
  user_id: number
  started_at: string
  stopped_at: string | null
  point_count: number
}

export interface AreaRef {
  id: number
  code: string
  name: string
}

export interface DailyMiss {
  user_id: number
  name: string
  date: string
  tours: number
}

export interface Coverage {
  days: number
  since: string
  grids_not_visited: AreaRef[]
  roads_not_visited: AreaRef[]
  daily_rule: number
  daily_missed: DailyMiss[]
}

export const patrolsApi = {
  list: (userId?: number) => http.get<ListResponse<Patrol>>('/patrols', { user_id: userId }),
  coverage: (days = 7) => http.get<Coverage>('/patrols/coverage', { days }),
}
