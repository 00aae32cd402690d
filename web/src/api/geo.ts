import { http } from './http'
import type { GeoLookup } from './types'

export const geoApi = {
  lookup: (lng: number, lat: number) =>
    http.get<GeoLookup>('/geo/lookup', { lng: lng.toFixed(6), lat: lat.toFixed(6) }),
}
