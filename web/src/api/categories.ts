import { http } from './http'
import type { Category, ListResponse } from './types'

export const categoriesApi = {
  list: () => http.get<ListResponse<Category>>('/categories'),
}
