import { onBeforeUnmount, reactive, ref, shallowRef, watch } from 'vue'
import L from 'leaflet'
import type { Feature, Geometry } from 'geojson'
import { gridsApi } from '@/api/grids'
import { zonesApi } from '@/api/zones'
import { geoApi } from '@/api/geo'
import { problemsApi } from '@/api/problems'
import { OPEN_STATES, type FeatureProps, type GeoLookup, type Problem } from '@/api/types'
import { t } from '@/i18n'
import { patrolsApi } from '@/api/patrols'
import {
  COVERAGE_COLORS,
  NO_DATA_COLOR,
  OPEN_BANDS,
  OVERDUE_BANDS,
  ZONE_KIND_COLORS,
  ZONE_KIND_LABELS,
  type GridColouring,
  type LayerToggles,
} from './types'

export function bandColor(n: number | undefined): string {
  const v = n ?? 0
  let c = OPEN_BANDS[0].color
  for (const b of OPEN_BANDS) if (v >= b.min) c = b.color
  return c
}

/** Fill colour for an overdue share (0..1); grey when the grid has no open problem. */
export function overdueColor(share: number | undefined): string {
  if (share === undefined) return NO_DATA_COLOR
  let c = OVERDUE_BANDS[0].color
  for (const b of OVERDUE_BANDS) if (share >= b.min) c = b.color
  return c
}

/** Per grid id: open problems and how many of them are overdue. */
export function overdueShares(problems: Pick<Problem, 'grid' | 'sla'>[]): Map<number, number> {
  const open = new Map<number, { n: number; late: number }>()
  for (const p of problems) {
    if (!p.grid) continue
    const g = open.get(p.grid.id) ?? { n: 0, late: 0 }
    g.n += 1
    if (p.sla.overdue) g.late += 1
    open.set(p.grid.id, g)
  }
  return new Map([...open].map(([id, g]) => [id, g.late / g.n]))
}

const LIGHT_COLORS: Record<string, string> = { green: '#18a058', yellow: '#f0a020', red: '#d03050' }

export function esc(s: unknown): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

export function lookupHtml(r: GeoLookup, lng: number, lat: number): string {
  const zones = r.zones.length
    ? r.zones.map((z) => `<li>${esc(z.name)} <small>${esc(ZONE_KIND_LABELS[z.kind] ?? z.kind)}</small></li>`).join('')
    : '<li>—</li>'
  const units = r.suggested_units.length
    ? r.suggested_units.map((u) => `<li><b>${esc(u.name)}</b> <small>${esc(u.reason)}</small></li>`).join('')
    : '<li>—</li>'
  return `<div class="lookup-pop">
    <div class="lp-title">${esc(t('map.lookup'))}</div>
    <div class="lp-coord">${lng.toFixed(6)}, ${lat.toFixed(6)}</div>
    <div class="lp-row"><span>${esc(t('map.grid'))}</span>${
      r.grid ? `<b>${esc(r.grid.name)}</b> <small>${esc(r.grid.code)}</small>` : `<em>${esc(t('map.outside'))}</em>`
    }</div>
    <div class="lp-row"><span>${esc(t('map.zonesHit'))}</span><ul>${zones}</ul></div>
    <div class="lp-row"><span>${esc(t('map.suggested'))}</span><ul>${units}</ul></div>
    <a class="lp-link" href="/m/report?lng=${lng.toFixed(6)}&lat=${lat.toFixed(6)}">${esc(t('map.reportHere'))} ›</a>
  </div>`
}

export function useGridMap() {
  const toggles = reactive<LayerToggles>({ grids: true, zones: true, problems: true })
  const loading = ref(false)
  const error = ref('')
  const counts = reactive({ grids: 0, zones: 0, problems: 0 })
  const map = shallowRef<L.Map>()
  const layers: Partial<Record<keyof LayerToggles, L.Layer>> = {}
  const selected = ref<Problem | null>(null)
  const colouring = ref<GridColouring>('open')
  const coverageDays = ref(7)
  const coverageError = ref('')
  let shares = new Map<number, number>()
  let missed = new Set<number>()
  let gridProps: FeatureProps[] = []
  /** Grids per fill colour in the current colouring, shown next to each legend entry. */
  const legendCounts = ref<Record<string, number>>({})

  function countColours() {
    const n: Record<string, number> = {}
    for (const g of gridProps) {
      const c = gridFill(g)
      n[c] = (n[c] ?? 0) + 1
    }
    legendCounts.value = n
  }

  function gridFill(props: FeatureProps | undefined): string {
    const id = Number(props?.id)
    if (colouring.value === 'overdue') return overdueColor(shares.get(id))
    if (colouring.value === 'coverage') return missed.has(id) ? COVERAGE_COLORS.missed : COVERAGE_COLORS.visited
    return bandColor(props?.open_count)
  }

  async function recolour() {
    coverageError.value = ''
    if (colouring.value === 'coverage') {
      try {
        const c = await patrolsApi.coverage(coverageDays.value)
        missed = new Set(c.grids_not_visited.map((g) => g.id))
      } catch (e) {
        coverageError.value = e instanceof Error ? e.message : String(e)
        missed = new Set()
      }
    }
    const layer = layers.grids as L.GeoJSON | undefined
    layer?.setStyle((f?: Feature<Geometry, FeatureProps>) => ({ fillColor: gridFill(f?.properties) }))
    countColours()
  }
  watch([colouring, coverageDays], () => void recolour())

  function sync() {
    const m = map.value
    if (!m) return
    for (const k of Object.keys(toggles) as (keyof LayerToggles)[]) {
      const layer = layers[k]
      if (!layer) continue
      if (toggles[k] && !m.hasLayer(layer)) layer.addTo(m)
      if (!toggles[k] && m.hasLayer(layer)) m.removeLayer(layer)
    }
  }
  watch(toggles, sync)

  async function load(m: L.Map) {
    map.value = m
    loading.value = true
    error.value = ''
    try {
      const [grids, zones, problems] = await Promise.all([
        gridsApi.geojson(),
        zonesApi.geojson().catch(() => ({ type: 'FeatureCollection' as const, features: [] })),
        problemsApi.listAll({ state: OPEN_STATES }),
      ])
      counts.grids = grids.features.length
      counts.zones = zones.features.length
      counts.problems = problems.length
      shares = overdueShares(problems)
      gridProps = grids.features.map((f) => f.properties as FeatureProps)
      countColours()

      const gridLayer = L.geoJSON(grids, {
        style: (f?: Feature<Geometry, FeatureProps>) => ({
          color: '#1b4f9c',
          weight: 1.4,
          fillColor: gridFill(f?.properties),
          fillOpacity: 0.55,
        }),
        onEachFeature: (f: Feature<Geometry, FeatureProps>, layer) => {
          layer.bindTooltip(
            `<b>${esc(f.properties.name)}</b><br>${esc(f.properties.code ?? '')}<br>${esc(t('map.problems'))}：${f.properties.open_count ?? 0}`,
            { sticky: true },
          )
        },
      })
      const zoneLayer = L.geoJSON(zones, {
        style: (f?: Feature<Geometry, FeatureProps>) => {
          const c = ZONE_KIND_COLORS[f?.properties.kind ?? ''] ?? '#546e7a'
          return { color: c, weight: 2, dashArray: '6 4', fillColor: c, fillOpacity: 0.08 }
        },
        onEachFeature: (f: Feature<Geometry, FeatureProps>, layer) => {
          const kind = f.properties.kind ?? ''
          layer.bindTooltip(`${esc(f.properties.name)}<br><small>${esc(ZONE_KIND_LABELS[kind] ?? kind)}</small>`, {
            sticky: true,
          })
        },
      })
      const problemLayer = L.layerGroup(
        problems.map((p) =>
          L.circleMarker([p.lat, p.lng], {
            radius: 6,
            color: '#fff',
            weight: 1.5,
            fillColor: LIGHT_COLORS[p.sla.light ?? ''] ?? '#1d5bd8',
            fillOpacity: 0.95,
          })
            .bindTooltip(`${esc(p.number)} ${esc(p.category_name)}`)
            .on('click', (e) => {
              L.DomEvent.stopPropagation(e)
              selected.value = p
            }),
        ),
      )
      layers.grids = gridLayer
      layers.zones = zoneLayer
      layers.problems = problemLayer
      sync()
      const b = gridLayer.getBounds()
      if (b.isValid()) m.fitBounds(b, { padding: [20, 20] })
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e)
    } finally {
      loading.value = false
    }
  }

  async function lookupAt(e: L.LeafletMouseEvent) {
    const m = map.value
    if (!m) return
    const { lng, lat } = e.latlng
    const popup = L.popup({ maxWidth: 300 }).setLatLng(e.latlng).setContent(esc(t('common.loading'))).openOn(m)
    try {
      popup.setContent(lookupHtml(await geoApi.lookup(lng, lat), lng, lat))
    } catch (err) {
      popup.setContent(esc(err instanceof Error ? err.message : String(err)))
    }
  }

  onBeforeUnmount(() => {
    map.value = undefined
  })

  return { toggles, loading, error, counts, load, lookupAt, selected, colouring, coverageDays, coverageError, legendCounts }
}
