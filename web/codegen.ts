// Typed GraphQL operations from the API's own schema: a schema change that
// breaks an operation in src/ fails `npm run build` (codegen validates every
// document; tsc checks every use of the generated types).
import type { CodegenConfig } from "@graphql-codegen/cli";

// Both outputs: typed document strings (no GraphQL parser in the bundle).
const typed = {
  documentMode: "string",
  enumsAsTypes: true,
  useTypeImports: true,
  scalars: { Time: "string" },
} as const;

const config: CodegenConfig = {
  schema: "../schema/*.graphqls",
  ignoreNoDocuments: false,
  generates: {
    "src/gql/": {
      documents: ["src/**/*.{ts,tsx}", "!src/gql/**/*"],
      preset: "client",
      config: typed,
      presetConfig: { fragmentMasking: false },
    },
    // The widget's own operations, apart so that its script carries only
    // them; persisted-documents.json lists them by hash for the server.
    "widget/gql/": {
      documents: ["widget/**/*.ts", "!widget/gql/**/*"],
      preset: "client",
      config: typed,
      presetConfig: { fragmentMasking: false, persistedDocuments: { hashAlgorithm: "sha256" } },
    },
  },
};
export default config;
