import { http } from './http'
import type { Health } from './types'

export const healthApi = {
  get: () => http.get<Health>('/health', undefined, { silent401: true }),
}
