import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// `pnpm --filter @pagewise/web dev` proxies the API, so the UI talks to it same-origin as in production.
const api = process.env.PAGEWISE_API_URL ?? "http://127.0.0.1:8080";

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // The API's CSP forbids inline scripts: keep every script and asset a file of its own.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
  server: {
    proxy: { "/v1": api, "/openapi.json": api, "/docs": api },
  },
});
