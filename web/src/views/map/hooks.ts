import { onBeforeUnmount, reactive, ref, shallowRef, watch } from 'vue'
import L from 'leaflet'
import type { Feature, Geometry } from 'geojson'
import { gridsApi } from '@/api/grids'
import { zonesApi } from '@/api/zones'
import { geoApi } from '@/api/geo'
import { problemsApi } from '@/api/problems'
import { OPEN_STATES, type FeatureProps, type GeoLookup, type Problem } from '@/api/types'
import { t } from '@/i18n'
import { OPEN_BANDS, ZONE_KIND_COLORS, ZONE_KIND_LABELS, type LayerToggles } from './types'

export function bandColor(n: number | undefined): string {
  const v = n ?? 0
  let c = OPEN_BANDS[0].color
  for (const b of OPEN_BANDS) if (v >= b.min) c = b.color
  return c
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
        problemsApi.list({ state: OPEN_STATES }, { limit: 500 }),
      ])
      counts.grids = grids.features.length
      counts.zones = zones.features.length
      counts.problems = problems.items.length

      const gridLayer = L.geoJSON(grids, {
        style: (f?: Feature<Geometry, FeatureProps>) => ({
          color: '#1b4f9c',
          weight: 1.4,
          fillColor: bandColor(f?.properties.open_count),
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
        problems.items.map((p) =>
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

  return { toggles, loading, error, counts, load, lookupAt, selected }
}
