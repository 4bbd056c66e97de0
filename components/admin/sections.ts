/** The admin area's sections, in index order: each is a page of its own at /admin/<slug>. */
export const ADMIN_SECTIONS = [
  {
    slug: "users",
    title: "Users",
    description: "Roles, rate-limit tiers and who may sign in.",
  },
  {
    slug: "models",
    title: "AI models",
    description: "The model catalogue the router picks from: prices, context, tier, on or off.",
  },
  {
    slug: "cache",
    title: "Response cache",
    description: "Answers kept for repeated deterministic questions, and what they saved.",
  },
  {
    slug: "budgets",
    title: "AI budgets",
    description: "Spending caps per user or project, per day or month.",
  },
  {
    slug: "audit",
    title: "Audit log",
    description: "Every sign-in, key, role and catalogue change, newest first.",
  },
] as const;

export type AdminSectionSlug = (typeof ADMIN_SECTIONS)[number]["slug"];
export const adminSection = (slug: string) => ADMIN_SECTIONS.find((s) => s.slug === slug);
