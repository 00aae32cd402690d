import { http } from './http'
import type { Category, ListResponse } from './types'

export interface CategoryClassDoc {
  code: string
  name: string
}

/** One category in the editable document (PUT /categories). */
export interface CategoryDoc {
  code: string
  parent: string
  name: string
  aliases: string[]
  standard?: 'national' | 'local'
  limit: { hours: number; kind: 'working' | 'natural' }
  unit_type: string
  after_photo_required: boolean
  deduction: number
  filing_standard: string
  closing_standard: string
}

export interface CategoriesDocument {
  version?: number
  note?: string
  classes: CategoryClassDoc[]
  categories: CategoryDoc[]
}

export interface CategoriesResponse extends ListResponse<Category> {
  classes?: CategoryClassDoc[]
  document?: CategoriesDocument
}

export const categoriesApi = {
  list: () => http.get<CategoriesResponse>('/categories'),
  /** Replaces the whole list; 400 names every bad field as categories[i].field. */
  save: (doc: CategoriesDocument) => http.put<CategoriesDocument>('/categories', doc),
}
