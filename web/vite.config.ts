/// <reference types="vitest/config" />
import { fileURLToPath, URL } from 'node:url'
import { defineConfig, loadEnv } from 'vite'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'

// Mock mode (VITE_MOCK=1, or `--mode mock`) is a dev/preview aid only: the mock
// module is imported behind `import.meta.env.VITE_MOCK`, so a normal production
// build drops it entirely (checked by scripts/bundle-size.mjs).
export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, process.cwd(), 'VITE_')
  return {
    base: '/',
    plugins: [
      vue(),
      Components({
        dts: 'src/types/components.d.ts',
        dirs: [],
        resolvers: [ElementPlusResolver({ importStyle: 'css', directives: true })],
      }),
    ],
    resolve: {
      alias: [
        { find: '@', replacement: fileURLToPath(new URL('./src', import.meta.url)) },
        // element-plus's root entry runs its full installer at module level
        // (`const install = defaults.install`), which defeats tree-shaking and
        // bundles every component. Its components index has no such statement.
        {
          find: /^element-plus(\/es)?$/,
          replacement: fileURLToPath(
            new URL('./node_modules/element-plus/es/components/index.mjs', import.meta.url),
          ),
        },
      ],
    },
    define: {
      __VUE_I18N_FULL_INSTALL__: 'true',
      __VUE_I18N_LEGACY_API__: 'false',
      __INTLIFY_PROD_DEVTOOLS__: 'false',
      __VUE_PROD_DEVTOOLS__: 'false',
      __APP_VERSION__: JSON.stringify(process.env.npm_package_version ?? '0.0.0'),
    },
    server: {
      port: 5173,
      proxy: { '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false } },
    },
    preview: {
      port: 4173,
      proxy: env.VITE_MOCK === '1' ? undefined : { '/api': { target: 'http://127.0.0.1:8080' } },
    },
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      manifest: true,
      target: 'es2020',
      chunkSizeWarningLimit: 900,
      reportCompressedSize: false,
      rollupOptions: {
        output: {
          manualChunks(id: string) {
            if (!id.includes('node_modules')) return undefined
            if (id.includes('/echarts/') || id.includes('/zrender/')) return 'vendor-echarts'
            if (id.includes('/leaflet/')) return 'vendor-leaflet'
            if (/\/(vue|@vue|vue-router|pinia|vue-i18n|@intlify)\//.test(id)) return 'vendor-vue'
            return undefined
          },
        },
      },
    },
    test: {
      environment: 'jsdom',
      include: ['src/**/*.spec.ts'],
      css: false,
      pool: 'threads',
      poolOptions: { threads: { maxThreads: 2, minThreads: 1 } },
      server: { deps: { inline: ['element-plus'] } },
    },
  }
})
