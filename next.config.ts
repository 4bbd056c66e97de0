import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Native/WASM packages loaded from node_modules at run time instead of being bundled.
  serverExternalPackages: ["@electric-sql/pglite", "pino"],
};

export default nextConfig;
