/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** "1" turns on the in-browser fixture API (dev/preview only). */
  readonly VITE_MOCK?: string
  /** Optional default tile URL template for the map, e.g. a self-hosted server. */
  readonly VITE_TILE_URL?: string
}

interface ImportMeta {
  readonly env: ImportMetaEnv
}

declare const __APP_VERSION__: string
