import type { ProblemSource } from '@/api/types'

export interface ReportForm {
  photos: File[]
  lng: number | null
  lat: number | null
  /** GPS accuracy in metres, when located by the device. */
  accuracy: number | null
  address: string
  category_code: string
  description: string
  source: ProblemSource
  fixed_on_spot: boolean
  after: File[]
}

export type ReportErrors = Partial<Record<'photos' | 'location' | 'category_code' | 'description' | 'address' | 'after', string>>

export const MAX_PHOTOS = 9
