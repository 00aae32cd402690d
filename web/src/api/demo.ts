import { ApiError, http } from './http'
import type { DemoLogin } from './types'

export const demoApi = {
  /** Demo accounts; an empty list when the server is not in demo mode (404). */
  async logins(): Promise<DemoLogin[]> {
    try {
      const r = await http.get<DemoLogin[] | { items: DemoLogin[] }>('/demo/logins', undefined, {
        silent401: true,
      })
      return Array.isArray(r) ? r : (r?.items ?? [])
    } catch (e) {
      if (e instanceof ApiError && (e.status === 404 || e.status === 0)) return []
      throw e
    }
  },
}
