import { http } from './http'
import type { ListResponse, NewUser, User } from './types'

export const usersApi = {
  list: () => http.get<ListResponse<User>>('/users'),
  create: (u: NewUser) => http.post<User>('/users', u),
}
