import { networkInterfaces } from "node:os";
import type { NextConfig } from "next";
import { devOrigins } from "./lib/config/dev-origins";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // `next dev` on http://127.0.0.1:3000 and on the printed Network address hydrates too.
  allowedDevOrigins: devOrigins(networkInterfaces()),
  // Native/WASM packages loaded from node_modules at run time instead of being bundled.
  serverExternalPackages: ["@electric-sql/pglite", "pino"],
  // The workflow import form posts a file (and maybe pasted text) of up to 2 MB each
  // (lib/workflows/import.ts refuses a bigger one on its field); Next's default is 1 MB.
  experimental: { serverActions: { bodySizeLimit: "5mb" } },
};

export default nextConfig;
