import { http } from './http'
import type { ListResponse, NewUser, Role, User } from './types'

/** PATCH /users/{id}: every field optional; `password` resets it (min 8 chars). */
export interface UserPatch {
  display_name?: string
  password?: string
  disabled?: boolean
  unit_id?: number
  grid_ids?: number[]
  roles?: Role[]
}

export type AdminUser = User & { phone?: string; unit_name?: string | null }

export const usersApi = {
  list: () => http.get<ListResponse<AdminUser>>('/users'),
  create: (u: NewUser & { phone?: string }) => http.post<AdminUser>('/users', u),
  update: (id: number, patch: UserPatch) => http.patch<AdminUser>(`/users/${id}`, patch),
}
