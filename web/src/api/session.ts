import { http } from './http'
import type { Session } from './types'

export const sessionApi = {
  login: (username: string, password: string) =>
    http.post<Session>('/session', { username, password }, { silent401: true }),
  current: () => http.get<Session>('/session', undefined, { silent401: true }),
  logout: () => http.del<void>('/session'),
}
