import { http } from './http'
import type { ListResponse, StatItem, StatsGroup } from './types'

export const statsApi = {
  problems: (group_by: StatsGroup, range: { from?: string; to?: string } = {}) =>
    http.get<ListResponse<StatItem>>('/stats/problems', { group_by, ...range }),
}
