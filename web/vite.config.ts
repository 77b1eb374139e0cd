// The console: a single-page app served by the Go binary at /console/ from
// console/dist/app (embedded with go:embed).
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

export default defineConfig({
  base: "/console/",
  plugins: [react()],
  build: {
    outDir: "../console/dist/app",
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
  },
});
