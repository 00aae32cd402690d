import { http } from './http'
import type { FeatureProps, Grid, ListResponse } from './types'
import type { FeatureCollection, Geometry } from 'geojson'

export const gridsApi = {
  list: () => http.get<ListResponse<Grid>>('/grids'),
  geojson: () => http.get<FeatureCollection<Geometry, FeatureProps>>('/grids.geojson'),
}
