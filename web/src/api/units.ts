import { http } from './http'
import type { ListResponse, Unit } from './types'

export const unitsApi = {
  list: () => http.get<ListResponse<Unit>>('/units'),
}
