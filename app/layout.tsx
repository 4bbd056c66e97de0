import type { Metadata, Viewport } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { SparkIcon } from "@/components/shell/icons";
import { SidebarNav } from "@/components/shell/sidebar-nav";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "AI Assistant OS", template: "%s · AI Assistant OS" },
  description: "A self-hosted AI router, projects, workflows and analytics for your team.",
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#09090b" },
  ],
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-dvh bg-zinc-50 font-sans text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">
        <a
          href="#main"
          className="sr-only rounded-md bg-indigo-600 px-3 py-2 text-white focus:not-sr-only focus:fixed focus:left-3 focus:top-3 focus:z-50"
        >
          Skip to content
        </a>
        <div className="md:flex">
          <aside className="border-b border-zinc-200 bg-white px-3 py-3 md:sticky md:top-0 md:h-dvh md:w-60 md:shrink-0 md:border-b-0 md:border-r md:px-4 md:py-5 dark:border-zinc-800 dark:bg-zinc-900">
            <Link href="/" className="mb-3 flex items-center gap-2 rounded-lg px-2 py-1 outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 md:mb-6">
              <span className="grid size-8 place-items-center rounded-lg bg-indigo-600 text-white">
                <SparkIcon className="size-5" />
              </span>
              <span className="text-base font-semibold tracking-tight">AI Assistant OS</span>
            </Link>
            <SidebarNav />
          </aside>
          <main id="main" className="min-w-0 flex-1 px-4 py-6 md:px-10 md:py-10">
            <div className="mx-auto max-w-5xl">{children}</div>
          </main>
        </div>
      </body>
    </html>
  );
}
