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
};

export default nextConfig;
