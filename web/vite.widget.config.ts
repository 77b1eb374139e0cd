// The partner widget: one self-contained script (no imports, no styles
// outside its shadow roots) served at /widget/onework.js.
import { defineConfig } from "vite";

export default defineConfig({
  build: {
    outDir: "../console/dist/widget",
    emptyOutDir: true,
    lib: { entry: "widget/onework.ts", name: "OneWork", formats: ["iife"], fileName: () => "onework.js" },
  },
});
