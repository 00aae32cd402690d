import { http } from './http'
import type { FeatureProps, ListResponse, Zone } from './types'
import type { FeatureCollection, Geometry } from 'geojson'

export const zonesApi = {
  list: () => http.get<ListResponse<Zone>>('/zones'),
  geojson: () => http.get<FeatureCollection<Geometry, FeatureProps>>('/zones.geojson'),
}
